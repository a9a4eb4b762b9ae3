using Remediation.Core.Configuration;
using Remediation.Core.Ledger;

namespace Remediation.Core.Hosting;

/// <summary>
/// During Lambda's init phase, one ledger read of a key no incident has, so the DynamoDB client's first request (its
/// code, credentials and connection) is paid while the rest of init and the first event's parsing run, not inside the
/// claim. Only where Lambda says it is initializing (<c>AWS_LAMBDA_INITIALIZATION_TYPE</c>, one of Lambda's reserved
/// variables: on-demand, provisioned-concurrency or snap-start; docs/aws-reference.md §0.10); drills and tests never prime, so their call logs hold
/// only the incident's own calls. The read needs no permission beyond the ledger's GetItem; its outcome is ignored.
/// </summary>
public static class ClientPriming
{
    /// <summary>The variable Lambda sets in every execution environment it initializes.</summary>
    public const string InitializationType = "AWS_LAMBDA_INITIALIZATION_TYPE";

    /// <summary>The ledger key read: not of the form of an incident id ("inc-" and a hash, <see cref="IncidentIds"/>).</summary>
    public const string PrimeKey = "prime#init";

    /// <summary>Starts the read when Lambda is initializing; returns it (or a completed task), for tests to await.</summary>
    public static Task Start(EnvironmentReader environment, IRecordStore ledger)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(ledger);
        return environment.Optional(InitializationType) is null ? Task.CompletedTask : Task.Run(() => ReadAsync(ledger));
    }

    private static async Task ReadAsync(IRecordStore ledger)
    {
        try
        {
            await ledger.GetAsync(PrimeKey, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A failed prime costs nothing but its own time: the claim meets any real fault itself and reports it.
        }
    }
}
