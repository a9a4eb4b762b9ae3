namespace Remediation.Benchmarks.Compare;

/// <summary>Timings in milliseconds, and the figures the comparison reports of them.</summary>
internal sealed class Samples
{
    private readonly List<double> values = [];

    public int Count => values.Count;

    public void Add(double milliseconds) => values.Add(milliseconds);

    public double Percentile(int p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public double Median => Percentile(50);

    /// <summary>"median (min–max)" of per-round figures: the spread over repeats.</summary>
    public string Spread(string format = "0.0") =>
        values.Count == 0 ? "n/a" : $"{Median.ToString(format, System.Globalization.CultureInfo.InvariantCulture)} ({values.Min().ToString(format, System.Globalization.CultureInfo.InvariantCulture)}–{values.Max().ToString(format, System.Globalization.CultureInfo.InvariantCulture)})";
}
