using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Remediation.Benchmarks -- [BenchmarkDotNet args]   (CPU cost of the pure stages)
// dotnet run -c Release --project tests/Remediation.Benchmarks -- latency [invocations]    (end to end against LocalAws)
// dotnet run -c Release --project tests/Remediation.Benchmarks -- compare [rounds] [events per round] [cold runs]
//                                                                          (beside the Python/boto3 peer baseline)
// dotnet run -c Release --project tests/Remediation.Benchmarks -- sweep [jobs] [repeats]  (StopTrainingJob beside a boto3 sweep)
// dotnet run -c Release --project tests/Remediation.Benchmarks -- storm [users] [deliveries per user] [concurrency] [repeats]
//                                                                          (a finding storm beside the peer)
// dotnet run -c Release --project tests/Remediation.Benchmarks -- quarantine [MiB] [repeats]  (bytes read to verify a copy)
if (args.Length > 0 && args[0] == "quarantine")
{
    return await Remediation.Benchmarks.Compare.QuarantineComparison.RunAsync(args);
}
if (args.Length > 0 && args[0] == "storm")
{
    return await Remediation.Benchmarks.Compare.StormComparison.RunAsync(args);
}
if (args.Length > 0 && args[0] == "sweep")
{
    return await Remediation.Benchmarks.Compare.SweepComparison.RunAsync(args);
}
if (args.Length > 0 && args[0] == "compare")
{
    return await Remediation.Benchmarks.Compare.CompareCommand.RunAsync(args);
}
if (args.Length > 0 && args[0] == "latency")
{
    return await Remediation.Benchmarks.EndToEndLatency.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100);
}
BenchmarkSwitcher.FromAssembly(typeof(Remediation.Benchmarks.PipelineBenchmarks).Assembly).Run(args);
return 0;
