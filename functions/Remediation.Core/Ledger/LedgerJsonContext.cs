using System.Text.Json.Serialization;

namespace Remediation.Core.Ledger;

/// <summary>Source-generated JSON for ledger records.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IncidentRecord))]
[JsonSerializable(typeof(Dictionary<string, long>))]
[JsonSerializable(typeof(BreakerState))]
[JsonSerializable(typeof(ActionRecord))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class LedgerJsonContext : JsonSerializerContext;
