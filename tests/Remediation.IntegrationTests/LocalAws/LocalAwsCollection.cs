using System.Diagnostics.CodeAnalysis;

namespace Remediation.IntegrationTests.LocalAws;

/// <summary>All tests against the emulation share one server and run one after another.</summary>
[CollectionDefinition("LocalAws")]
[SuppressMessage("Naming", "CA1711", Justification = "xunit's collection-definition naming; other test projects refer to this name.")]
public sealed class LocalAwsCollection : ICollectionFixture<LocalAwsFixture>;
