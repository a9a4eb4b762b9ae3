using System.Diagnostics.CodeAnalysis;

namespace Remediation.IntegrationTests.LocalAws;

/// <summary>All tests against the emulation share one server and run one after another.</summary>
[CollectionDefinition("LocalAws")]
[SuppressMessage("Naming", "CA1711", Justification = "xunit's collection-definition naming; other test projects refer to this name.")]
public sealed class LocalAwsCollection : ICollectionFixture<LocalAwsFixture>;

/// <summary>
/// The crash and IAM fault matrices and the real-world corpus, on a second emulation of their own beside the first
/// collection: the matrices spend most of their time waiting (a lost claim's timeout, the clients' backoff under
/// throttling), not computing, so the two collections overlap on two cores instead of adding up (README §Tests).
/// </summary>
[CollectionDefinition(Name)]
[SuppressMessage("Naming", "CA1711", Justification = "xunit's collection-definition naming.")]
public sealed class LocalAwsRedeliveriesCollection : ICollectionFixture<LocalAwsFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "LocalAws redeliveries";
}
