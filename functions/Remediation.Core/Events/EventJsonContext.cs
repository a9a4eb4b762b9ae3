using System.Text.Json.Serialization;

namespace Remediation.Core.Events;

/// <summary>Source-generated serializer metadata for the envelope and the four detail types.</summary>
/// <remarks>Strict typing (no numbers read from strings); unknown members are ignored by default.</remarks>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(EventEnvelope))]
[JsonSerializable(typeof(GuardDutyFindingDetail))]
[JsonSerializable(typeof(MalwareScanDetail))]
[JsonSerializable(typeof(CloudTrailDetail))]
[JsonSerializable(typeof(ConfigComplianceDetail))]
[JsonSerializable(typeof(MacieFindingDetail))]
[JsonSerializable(typeof(HealthEventDetail))]
internal sealed partial class EventJsonContext : JsonSerializerContext;
