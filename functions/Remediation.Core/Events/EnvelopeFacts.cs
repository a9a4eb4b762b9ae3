using System.Text.Json;

namespace Remediation.Core.Events;

/// <summary>The validated envelope members every normalizer uses.</summary>
internal sealed record EnvelopeFacts(string Id, string Source, string Account, string Region, DateTimeOffset Time, JsonElement Detail)
{
    public string Partition => Arns.PartitionOf(Region);
}
