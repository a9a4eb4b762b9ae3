using System.Text.Json;

namespace Remediation.Tool.Drill;

/// <summary>One AWS request the drill's functions made, from the emulation's request log.</summary>
internal sealed record DrillChange(string Service, string Operation, int Status, string Summary, JsonElement Parameters)
{
    public bool IsWrite => !(Operation.StartsWith("Get", StringComparison.Ordinal) || Operation.StartsWith("List", StringComparison.Ordinal)
        || Operation.StartsWith("Describe", StringComparison.Ordinal) || Operation.StartsWith("GET ", StringComparison.Ordinal)
        || Operation.StartsWith("HEAD ", StringComparison.Ordinal) || Operation is "Scan" or "Query");
}

internal static class DrillChanges
{
    private static readonly string[] Identifying =
        ["UserName", "RoleName", "GroupName", "AccessKeyId", "Status", "PolicyArn", "PolicyName", "TrainingJobName", "ProcessingJobName", "NotebookInstanceName", "KeyId", "Name", "TopicArn", "Subject", "TableName", "RoleArn", "RoleSessionName",
         "InstanceId", "NetworkInterfaceId", "SecurityGroupId.1", "GroupId", "VpcId", "VolumeId", "ResourceId.1", "InstanceIds.member.1", "AutoScalingGroupName", "InstanceProfileName"];

    /// <summary>The calls as changes; a call in another account than <paramref name="homeAccount"/> (a member's) says which.</summary>
    public static IReadOnlyList<DrillChange> From(IEnumerable<JsonElement> calls, string homeAccount) =>
        [.. calls.Select(c =>
        {
            var parameters = c.TryGetProperty("parameters", out var p) ? p : default;
            var account = c.TryGetProperty("account", out var a) ? a.GetString() : null;
            var summary = Summarize(parameters);
            return new DrillChange(
                c.GetProperty("service").GetString() ?? "?",
                c.GetProperty("operation").GetString() ?? "?",
                c.TryGetProperty("status", out var s) && s.TryGetInt32(out var code) ? code : 0,
                account is { Length: > 0 } && account != homeAccount ? $"[account {account}] {summary}" : summary,
                parameters);
        })];

    private static string Summarize(JsonElement parameters)
    {
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            return "";
        }
        var parts = Identifying
            .Where(k => parameters.TryGetProperty(k, out var v) && v.ValueKind == JsonValueKind.String)
            .Select(k => $"{k}={parameters.GetProperty(k).GetString()}");
        return string.Join(" ", parts);
    }
}
