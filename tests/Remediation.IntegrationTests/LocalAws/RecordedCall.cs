using System.Text.Json;

namespace Remediation.IntegrationTests.LocalAws;

/// <summary>One AWS request as the emulation logged it (GET /_localaws/calls).</summary>
public sealed record RecordedCall(string Service, string Operation, JsonElement Parameters, int Status, DateTimeOffset Time);
