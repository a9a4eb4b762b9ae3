using System.Text.Json;
using Remediation.Core.Aws.Protocol;

namespace Remediation.Core.Aws.SageMaker;

/// <summary>SageMaker over awsJson1_1 (X-Amz-Target "SageMaker.&lt;Op&gt;"), signed for the region / "sagemaker" (docs/aws-reference.md §B4).</summary>
public sealed class SageMakerClient : ISageMaker
{
    private readonly JsonClient _json;

    internal SageMakerClient(AwsProtocolClient transport) => _json = new JsonClient(transport, "sagemaker", "SageMaker");

    /// <inheritdoc/>
    public async Task<SageMakerJob> DescribeTrainingJobAsync(string name, CancellationToken ct)
    {
        var job = await _json.CallAsync(_json.Request("DescribeTrainingJob").Add("TrainingJobName", name), ct);
        return new SageMakerJob(
            Required(job, "TrainingJobName"),
            Required(job, "TrainingJobArn"),
            Required(job, "TrainingJobStatus"),
            Text(job, "RoleArn"),
            job.TryGetProperty("OutputDataConfig", out var output) ? Text(output, "S3OutputPath") : null,
            EpochSeconds(job, "CreationTime"))
        {
            InputS3Uris = S3Uris(job, "InputDataConfig", "DataSource", "S3DataSource"),
            Description = job.Clone(),
        };
    }

    // MaxResults of ListTrainingJobs and ListProcessingJobs: 1 to 100 (the API reference's valid range).
    private const int MaxPage = 100;

    /// <inheritdoc/>
    public Task<IReadOnlyList<SageMakerJobSummary>> ListTrainingJobsAsync(string? statusEquals, CancellationToken ct) =>
        AllPagesAsync(
            // ListTrainingJobsRequest model order: NextToken, MaxResults ... StatusEquals. Pages of the largest size
            // AWS allows (100): a sweep of a thousand jobs is ten listings, not a hundred.
            token => _json.Request("ListTrainingJobs").Add("NextToken", token).Add("MaxResults", MaxPage).Add("StatusEquals", statusEquals),
            "TrainingJobSummaries",
            "Training",
            ct);

    /// <inheritdoc/>
    public Task StopTrainingJobAsync(string name, CancellationToken ct) =>
        _json.CallAsync(_json.Request("StopTrainingJob").Add("TrainingJobName", name), ct);

    /// <inheritdoc/>
    public async Task<SageMakerJob> DescribeProcessingJobAsync(string name, CancellationToken ct)
    {
        var job = await _json.CallAsync(_json.Request("DescribeProcessingJob").Add("ProcessingJobName", name), ct);
        return new SageMakerJob(
            Required(job, "ProcessingJobName"),
            Required(job, "ProcessingJobArn"),
            Required(job, "ProcessingJobStatus"),
            Text(job, "RoleArn"),
            FirstProcessingOutput(job),
            EpochSeconds(job, "CreationTime"))
        {
            InputS3Uris = S3Uris(job, "ProcessingInputs", "S3Input"),
            Description = job.Clone(),
        };
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<SageMakerJobSummary>> ListProcessingJobsAsync(string? statusEquals, CancellationToken ct) =>
        AllPagesAsync(
            // ListProcessingJobsRequest model order: ... StatusEquals ... NextToken, MaxResults.
            token => _json.Request("ListProcessingJobs").Add("StatusEquals", statusEquals).Add("NextToken", token).Add("MaxResults", MaxPage),
            "ProcessingJobSummaries",
            "Processing",
            ct);

    /// <inheritdoc/>
    public Task StopProcessingJobAsync(string name, CancellationToken ct) =>
        _json.CallAsync(_json.Request("StopProcessingJob").Add("ProcessingJobName", name), ct);

    /// <inheritdoc/>
    public async Task<SageMakerNotebook> DescribeNotebookInstanceAsync(string name, CancellationToken ct)
    {
        var notebook = await _json.CallAsync(_json.Request("DescribeNotebookInstance").Add("NotebookInstanceName", name), ct);
        return new SageMakerNotebook(
            Required(notebook, "NotebookInstanceName"),
            Required(notebook, "NotebookInstanceArn"),
            Required(notebook, "NotebookInstanceStatus"),
            Text(notebook, "DirectInternetAccess"),
            Text(notebook, "SubnetId"),
            Text(notebook, "RoleArn"))
        {
            Description = notebook.Clone(),
        };
    }

    /// <inheritdoc/>
    public Task StopNotebookInstanceAsync(string name, CancellationToken ct) =>
        _json.CallAsync(_json.Request("StopNotebookInstance").Add("NotebookInstanceName", name), ct);

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, string>> ListTagsAsync(string resourceArn, CancellationToken ct)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            // ListTagsInput model order: ResourceArn, NextToken, MaxResults.
            var page = await _json.CallAsync(_json.Request("ListTags").Add("ResourceArn", resourceArn).Add("NextToken", token), ct);
            if (page.TryGetProperty("Tags", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    if (Text(item, "Key") is { } key)
                    {
                        tags[key] = Text(item, "Value") ?? "";
                    }
                }
            }

            token = Text(page, "NextToken");
        }
        while (!string.IsNullOrEmpty(token));

        return tags;
    }

    private async Task<IReadOnlyList<SageMakerJobSummary>> AllPagesAsync(
        Func<string?, JsonRequest> request, string listMember, string kind, CancellationToken ct)
    {
        var all = new List<SageMakerJobSummary>();
        string? token = null;
        do
        {
            var page = await _json.CallAsync(request(token), ct);
            if (page.TryGetProperty(listMember, out var items) && items.ValueKind == JsonValueKind.Array)
            {
                all.AddRange(items.EnumerateArray().Select(item => new SageMakerJobSummary(
                    Required(item, kind + "JobName"),
                    Required(item, kind + "JobArn"),
                    Required(item, kind + "JobStatus"),
                    EpochSeconds(item, "CreationTime"))));
            }

            token = Text(page, "NextToken");
        }
        while (!string.IsNullOrEmpty(token));

        return all;
    }

    /// <summary>S3Uri of each element of <paramref name="list"/>, following <paramref name="path"/> inside it.</summary>
    private static List<string> S3Uris(JsonElement job, string list, params string[] path)
    {
        if (!job.TryGetProperty(list, out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        var uris = new List<string>();
        foreach (var item in items.EnumerateArray())
        {
            var node = item;
            var found = true;
            foreach (var step in path)
            {
                found = node.ValueKind == JsonValueKind.Object && node.TryGetProperty(step, out node);
                if (!found)
                {
                    break;
                }
            }
            if (found && Text(node, "S3Uri") is { } uri)
            {
                uris.Add(uri);
            }
        }
        return uris;
    }

    private static string? FirstProcessingOutput(JsonElement job) =>
        job.TryGetProperty("ProcessingOutputConfig", out var config)
        && config.TryGetProperty("Outputs", out var outputs)
        && outputs.ValueKind == JsonValueKind.Array
        && outputs.GetArrayLength() > 0
        && outputs[0].TryGetProperty("S3Output", out var s3)
            ? Text(s3, "S3Uri")
            : null;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string Required(JsonElement element, string name) =>
        Text(element, name) ?? throw new JsonException($"The SageMaker response lacks \"{name}\".");

    // JSON protocols send timestamps as epoch seconds, a double (docs/aws-reference.md §B0).
    private static DateTimeOffset? EpochSeconds(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(value.GetDouble() * 1000))
            : null;
}
