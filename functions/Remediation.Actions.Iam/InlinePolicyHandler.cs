using Remediation.Core.Aws.Iam;
using static Remediation.Actions.Iam.IamActions;

namespace Remediation.Actions.Iam;

/// <summary>
/// Puts or deletes one inline policy of a user, role or group, recording the document it replaced.
/// The inverse of a put restores the previous document if there was one, else deletes; the inverse of a delete puts the
/// recorded document back. The document is recorded as the intent before the write, so a delete whose record is lost
/// can still be undone.
/// </summary>
public sealed class InlinePolicyHandler(IIam iam, IamEntityKind entity, bool put) : IIntentHandler
{
    private readonly PreparedRead<Current> currentRead = new();

    /// <inheritdoc />
    public string Kind { get; } = Inline(entity, put);

    /// <inheritdoc />
    public async Task<ActionIntent?> IntendAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var (name, policyName) = (action.Require(Params.NameOf(entity)), action.Require(Params.PolicyName));
        var current = await currentRead.ReadAsync(action, () => ReadAsync(name, policyName, ct));
        return WouldWrite(action, current!.Document)
            ? new ActionIntent(Before(policyName, current.Document), Restore(action.Target, name, policyName, IamEntities.Describe(entity, name), current.Document))
            : null;
    }

    /// <inheritdoc />
    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var name = action.Require(Params.NameOf(entity));
        var policyName = action.Require(Params.PolicyName);
        var who = IamEntities.Describe(entity, name);
        var previous = (await currentRead.TakeOrReadAsync(action, () => ReadAsync(name, policyName, ct)))!.Document;
        var before = Before(policyName, previous);
        return put
            ? await PutAsync(action, name, policyName, who, previous, before, ct)
            : await DeleteAsync(action, name, policyName, who, previous, before, ct);
    }

    private async Task<Current?> ReadAsync(string name, string policyName, CancellationToken ct) =>
        new(await IamEntities.GetInlineAsync(iam, entity, name, policyName, ct));

    private bool WouldWrite(PlannedAction action, string? previous) => put
        ? !IamPolicyDocuments.Same(previous, action.Require(Params.PolicyDocument))
        : previous is not null && (action.Get(Params.ExpectedDocument) is not { } expected || IamPolicyDocuments.Same(previous, expected));

    private static string Before(string policyName, string? previous) => StateJson.Of((Params.PolicyName, policyName), (Params.PolicyDocument, previous));

    private async Task<ActionResult> PutAsync(PlannedAction action, string name, string policyName, string who, string? previous, string before, CancellationToken ct)
    {
        var document = action.Require(Params.PolicyDocument);
        if (IamPolicyDocuments.Same(previous, document))
        {
            return ActionResult.Done(action, $"{who} already has inline policy {policyName} with this document; nothing changed", before, null);
        }
        await IamEntities.PutInlineAsync(iam, entity, name, policyName, document, ct);
        return ActionResult.Done(action,
            previous is null ? $"put inline policy {policyName} on {who}" : $"replaced inline policy {policyName} on {who} (previous document recorded)",
            before, Restore(action.Target, name, policyName, who, previous));
    }

    private async Task<ActionResult> DeleteAsync(PlannedAction action, string name, string policyName, string who, string? previous, string before, CancellationToken ct)
    {
        if (previous is null)
        {
            return ActionResult.Done(action, $"{who} has no inline policy {policyName}; nothing changed", before, null);
        }
        if (action.Get(Params.ExpectedDocument) is { } expected && !IamPolicyDocuments.Same(previous, expected))
        {
            return new ActionResult(action, ActionStatus.Skipped,
                $"inline policy {policyName} on {who} changed since the event; left alone (current document recorded)", before, null);
        }
        await IamEntities.DeleteInlineAsync(iam, entity, name, policyName, ct);
        return ActionResult.Done(action, $"deleted inline policy {policyName} from {who} (document recorded)", before,
            Restore(action.Target, name, policyName, who, previous));
    }

    private PlannedAction Restore(string target, string name, string policyName, string who, string? previous) => previous is null
        ? PlannedAction.Create(Inline(entity, put: false), target, $"rollback: delete inline policy {policyName} from {who}",
            (Params.NameOf(entity), name), (Params.PolicyName, policyName))
        : PlannedAction.Create(Inline(entity, put: true), target, $"rollback: restore inline policy {policyName} on {who}",
            (Params.NameOf(entity), name), (Params.PolicyName, policyName), (Params.PolicyDocument, previous));

    /// <summary>The inline document now (null: none), boxed so "no policy" is a value the prepared read can keep.</summary>
    private sealed record Current(string? Document);
}
