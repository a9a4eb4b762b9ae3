using Remediation.Core.Accounts;
using Remediation.Core.Configuration;
using Remediation.Core.Guardrails;
using Remediation.Core.Ledger;
using Remediation.Core.Logging;
using Remediation.Core.Notifications;

namespace Remediation.Core.Pipeline;

/// <summary>
/// Finding → claim → plan → guardrails → execute → ledger → notify, the one path of docs/architecture.md §path.
/// A notification failure fails the invocation (Lambda retries; the DLQ keeps it) but the retry only notifies:
/// the writes are already recorded and are never repeated.
/// </summary>
public sealed class IncidentPipeline(PipelineDependencies deps)
{
    private readonly AccountWorkspace own = new(new AccountAccess(deps.Settings.StackAccountId ?? ""), deps.Playbook, deps.Handlers, deps.Tags);
    private readonly PlanExecutor ownExecutor = new(deps.Handlers);
    private readonly AttemptNotifier notifier = new(deps);

    // Well under DynamoDB's 400 KB item limit, beside the record's actions.
    private const int MaxHeldEventChars = 100_000;

    /// <summary>The function's logical name.</summary>
    public string FunctionName => deps.Playbook.FunctionName;

    /// <summary>
    /// Why this event is no incident at all, or null: a scheduled event for a function without scheduled work, or the
    /// playbook's <see cref="IPlaybook.Disregard"/>. The one "no record, no notification" decision about a parsed event.
    /// </summary>
    public string? Disregard(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return finding.Source == FindingSource.Schedule && !deps.Playbook.HasScheduledWork
            ? $"{FunctionName} has no scheduled work"
            : deps.Playbook.Disregard(finding);
    }

    /// <summary>Handles one normalized finding.</summary>
    public async Task<PipelineResult> RunAsync(Finding finding, JsonLog log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(log);
        using var attempt = AttemptScope.Begin();
        log.IncidentId = IncidentIds.For(FunctionName, finding.DedupeKey);
        if (deps.Ledger.Finished(log.IncidentId) is { } finished)
        {
            log.Info("claim", ("claim", nameof(ClaimOutcome.Duplicate)), ("known", "finished on this instance"));
            return Duplicate(finding, finished);
        }
        // The reads that do not need the claim run while it is made (docs/architecture.md §steps); a duplicate
        // or busy claim cancels them.
        using var reads = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // An update of a published finding is most likely claimed already: its reads wait for the claim (a storm of
        // updates then costs one call each, not the prelude's reads too).
        var prelude = finding.Republished ? null : PreludeAsync(finding, log.IncidentId, reads.Token);
        Claim claim;
        try
        {
            claim = await deps.Ledger.ClaimAsync(FunctionName, finding, ct);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await AbandonAsync(prelude, reads);
            throw;
        }
        log.IncidentId = claim.Record.IncidentId;
        log.Info("claim", ("claim", claim.Outcome.ToString()), ("attempt", claim.Record.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (claim.Outcome != ClaimOutcome.Acquired)
        {
            await AbandonAsync(prelude, reads);
        }
        switch (claim.Outcome)
        {
            case ClaimOutcome.Duplicate:
                return Duplicate(finding, claim.Record);
            case ClaimOutcome.Busy:
                throw new IncidentBusyException($"Incident {claim.Record.IncidentId} is being handled by another invocation; retry later.");
            case ClaimOutcome.ResumeNotify:
                return await notifier.NotifyAsync(ReportFrom(finding, claim.Record), claim.Record, log, ct);
        }

        IReadOnlyList<ActionRecord> written = claim.Previous;
        Executed executed;
        try
        {
            executed = await ExecuteAsync(finding, claim, await (prelude ?? PreludeAsync(finding, log.IncidentId, reads.Token)), kept => written = kept, log, ct);
        }
        catch (Exception e) when (e is not ClaimLostException)
        {
            await ReleaseAsFailedAsync(claim.Record, written, e, log);
            throw;
        }
        if (executed.Quiet is { } quiet)
        {
            return quiet;
        }
        var result = await notifier.NotifyAsync(executed.Report, executed.Record, log, ct);
        return executed.Record.State == IncidentState.Failed
            ? throw new RemediationFailedException($"Incident {executed.Record.IncidentId}: {executed.Record.Reason}", result)
            : result;
    }

    /// <summary>The claim went to another invocation or failed: the reads started beside it are stopped and their end awaited.</summary>
    private static async Task AbandonAsync(Task<Prelude>? prelude, CancellationTokenSource reads)
    {
        if (prelude is null)
        {
            return;
        }
        await reads.CancelAsync();
        try
        {
            await prelude;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Reads for an attempt that will not run: their errors are no one's to report.
        }
    }

    /// <summary>What an attempt's execution ended with: a recorded report to publish, or a quiet (unpublished) result.</summary>
    private sealed record Executed(IncidentReport Report, IncidentRecord Record, PipelineResult? Quiet = null);

    /// <summary>
    /// An exception escaped after the claim (a read throttled past the retries, a timeout): the attempt records itself
    /// as failed, with every write made so far, so the next delivery takes the incident over at once instead of
    /// waiting for the claim to time out (Lambda retries async invocations after about 1 and 2 minutes).
    /// </summary>
    private async Task ReleaseAsFailedAsync(IncidentRecord claimed, IReadOnlyList<ActionRecord> written, Exception error, JsonLog log)
    {
        try
        {
            await deps.Ledger.SaveAsync(claimed with
            {
                State = IncidentState.Failed,
                Outcome = IncidentOutcome.Failed,
                Reason = $"attempt {claimed.Attempt} failed before finishing: {error.GetType().Name}: {error.Message}",
                Actions = written,
                UpdatedAt = deps.Time.GetUtcNow(),
            }, CancellationToken.None);
            log.Warn("attempt failed; claim released for the next delivery", ("error", error.Message));
        }
        catch (Exception saveError) when (saveError is not OutOfMemoryException)
        {
            // The original error is the one to report; the claim then ends by its timeout.
            log.Error("attempt failed and could not be recorded; the claim expires by its timeout", ("error", saveError.Message));
        }
    }

    /// <summary>
    /// What an attempt knows before its first write, all of it read while the claim is made: the account's workspace,
    /// the plan, the guardrails' verdict and objections, the breaker's budget and the anticipated write's intent.
    /// </summary>
    private sealed record Prelude(AccountWorkspace Workspace, Plan Plan)
    {
        public AccountAccessException? Refused { get; init; }
        public Verdict Verdict { get; init; } = Verdict.Proceed;
        public IReadOnlyList<GatedAction> Gated { get; init; } = [];
        public Task<BreakerReading?>? Breaker { get; init; }
        public AnticipatedIntent? Anticipated { get; init; }
    }

    private async Task<Prelude> PreludeAsync(Finding finding, string incidentId, CancellationToken ct)
    {
        var reportOnly = FindingGuardrails.NothingToPlan(finding, deps.Settings);
        AccountWorkspace workspace;
        try
        {
            workspace = reportOnly is null ? await WorkspaceAsync(finding, incidentId, ct) : own;
        }
        catch (AccountAccessException e)
        {
            return new Prelude(own, Plan.ReportOnly(e.Message, ReportHeadline.For(finding))) { Refused = e };
        }
        var tags = new InvocationTagCache(workspace.Tags);
        var writes = reportOnly is null && deps.Settings.Mode != RemediationMode.DryRun;
        var breaker = writes ? deps.Breaker.ReadAheadAsync(FunctionName, finding.AccountId, ct) : null;
        var anticipated = writes ? Anticipate(workspace, finding, ct) : null;
        var verdict = new FindingGuardrails(deps.Settings, tags).EvaluateAsync(finding, ct);
        var plan = reportOnly is not null
            ? Plan.ReportOnly(reportOnly, ReportHeadline.For(finding))
            : await workspace.Playbook.PlanAsync(finding, ct);
        if (plan.Quiet && plan.Actions.Count == 0)
        {
            return new Prelude(workspace, plan) { Verdict = await verdict };
        }
        // The targets' exemption tags are read while the verdict is reached, not after it.
        var objections = TargetObjectionsAsync(plan, tags, ct);
        var evaluated = await verdict;
        return new Prelude(workspace, plan)
        {
            Verdict = evaluated,
            Gated = evaluated.Kind == VerdictKind.ReportOnly
                ? [.. plan.Actions.Select(a => new GatedAction(a, evaluated.Reason))]
                : Gate(plan, await objections),
            Breaker = breaker,
            Anticipated = anticipated,
        };
    }

    // The anticipated writes' reads start now: an intent handler's intent, any other handler's own first reads. The
    // first write's intent is handed to the executor; the later ones wait in their handlers (PreparedRead).
    private static AnticipatedIntent? Anticipate(AccountWorkspace workspace, Finding finding, CancellationToken ct)
    {
        AnticipatedIntent? first = null;
        foreach (var action in workspace.Playbook.Anticipate(finding))
        {
            switch (workspace.Handlers.FirstOrDefault(h => h.Kind == action.Kind))
            {
                case IIntentHandler intents:
                    var intent = intents.IntendAsync(action, ct);
                    first ??= new AnticipatedIntent(action, intent);
                    break;
                case { } handler:
                    _ = handler.PrepareAsync(action, ct);
                    break;
            }
        }
        return first;
    }

    private async Task<Executed> ExecuteAsync(Finding finding, Claim claim, Prelude prelude, Action<IReadOnlyList<ActionRecord>> onProgress, JsonLog log, CancellationToken ct)
    {
        var record = claim.Record;
        if (prelude.Refused is { } refused)
        {
            return await RecordRefusedAccessAsync(finding, record, claim.Previous, refused, log, ct);
        }
        var workspace = prelude.Workspace;
        if (workspace.Access.RoleArn is { } role)
        {
            record = record with { MemberRoleArn = role, MemberSessionName = workspace.Access.SessionName };
            log.Info("acting in member account", ("account", workspace.Access.AccountId), ("role", role), ("session", workspace.Access.SessionName));
        }
        var plan = prelude.Plan;
        if (plan.Quiet && plan.Actions.Count == 0)
        {
            var quiet = await RecordQuietAsync(finding, record, plan, log, ct);
            return new Executed(quiet.Report, record, quiet);
        }
        var verdict = prelude.Verdict;
        var gated = prelude.Gated;
        BreakerDecision? breaker = null;
        var admit = NeedsBreaker(finding, gated, verdict, record) is { } request
            ? async (CancellationToken c) =>
            {
                var readAhead = prelude.Breaker is { } reading ? await reading : null;
                breaker = await deps.Breaker.AdmitAsync(request, readAhead, c);
                return breaker.Admitted ? null : breaker.Reason;
            }
            : (Func<CancellationToken, Task<string?>>?)null;
        var dryRun = deps.Settings.Mode == RemediationMode.DryRun || verdict.Kind == VerdictKind.DryRunOnly;
        var evidence = record.Evidence.Union(plan.Evidence, StringComparer.Ordinal).ToList();
        var progress = record with { Evidence = evidence };
        var executor = ReferenceEquals(workspace, own) ? ownExecutor : new PlanExecutor(workspace.Handlers);
        var executed = await executor.ExecuteAsync(gated, dryRun, claim.Previous,
            async sofar =>
            {
                // The earlier attempt's writes stay in the record until this attempt reaches them.
                var kept = ActionRecords.CarryOver(claim.Previous, [.. sofar]);
                onProgress(kept);
                await deps.Ledger.SaveAsync(progress with { Actions = kept, UpdatedAt = deps.Time.GetUtcNow() }, ct);
            }, new PreparedWrites(admit, prelude.Anticipated) { RecordFollows = true, Independent = plan.WritesIndependent }, ct);
        var actions = ActionRecords.Accumulate(claim.Previous, executed);
        onProgress(actions);
        var (outcome, reason) = Decide(actions, verdict, dryRun, gated, plan.Skipped);
        var held = breaker is { Admitted: false } && outcome != IncidentOutcome.Failed;
        if (held)
        {
            reason = HeldReason(breaker!, record.IncidentId);
        }
        var report = new IncidentReport(FunctionName, record.IncidentId, outcome, reason, finding, plan.HeadlineFor(actions), actions, plan.Skipped)
        {
            Evidence = evidence,
            MemberRoleArn = record.MemberRoleArn,
            AccountAlias = await AliasAsync(workspace, log, ct),
        };
        var composed = NotificationComposer.Compose(report, RollbackCommand(record.IncidentId, deps.Settings.LedgerTable));
        record = record with
        {
            State = outcome == IncidentOutcome.Failed ? IncidentState.Failed : held ? IncidentState.Held : IncidentState.Executed,
            Released = false,
            HeldEvent = held && finding.RawEvent is { Length: <= MaxHeldEventChars } raw ? raw : null,
            Outcome = outcome,
            Reason = reason,
            Subject = composed.Subject,
            Actions = actions,
            Skipped = plan.Skipped,
            Evidence = evidence,
            UpdatedAt = deps.Time.GetUtcNow(),
        };
        await deps.Ledger.SaveAsync(record, ct);
        log.Info("executed", ("outcome", outcome.Word()), ("reason", reason));
        if (held && !breaker!.AnnounceOpen)
        {
            // One message per window announces the open breaker; the incidents held after it are listed by `remediate held`.
            log.Info("held by the open breaker, which this window has announced already; not published", ("held", breaker.Held.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return new Executed(report, record, new PipelineResult(report, null, null, null));
        }
        return new Executed(report, record);
    }

    /// <summary>
    /// The workspace of the account the finding is about: the stack's own, or a member's through its role. An account
    /// that is neither never reaches here (<see cref="AccountGuard"/> made the plan report-only).
    /// </summary>
    private async Task<AccountWorkspace> WorkspaceAsync(Finding finding, string incidentId, CancellationToken ct)
    {
        if (finding.AccountId == own.Access.AccountId)
        {
            return own;
        }
        var members = deps.Members ?? throw new InvalidOperationException(
            $"account {finding.AccountId} is a configured member but {FunctionName} was built without member access; nothing was done");
        var workspace = await members.OpenAsync(finding.AccountId, incidentId, ct);
        return workspace.Access.AccountId == finding.AccountId
            ? workspace
            : throw new InvalidOperationException($"the workspace for account {finding.AccountId} acts in {workspace.Access.AccountId}; nothing was done");
    }

    /// <summary>The member account's alias for the message, when the account has one and it can be read; never fails the incident.</summary>
    private static async Task<string?> AliasAsync(AccountWorkspace workspace, JsonLog log, CancellationToken ct)
    {
        if (workspace.ReadAlias is not { } read)
        {
            return null;
        }
        try
        {
            return await read(ct);
        }
        catch (Exception e) when (AwsErrors.AsServiceError(e) is not null || e is HttpRequestException)
        {
            log.Warn("the member account's alias could not be read; the message names the account by id", ("error", e.Message));
            return null;
        }
    }

    /// <summary>
    /// STS refused the member role (permanently: access denied, no such role): the incident fails with a notification that
    /// names the account and the role, and the invocation fails so Lambda's retries and the DLQ keep the event.
    /// </summary>
    private async Task<Executed> RecordRefusedAccessAsync(Finding finding, IncidentRecord record, IReadOnlyList<ActionRecord> previous,
        AccountAccessException e, JsonLog log, CancellationToken ct)
    {
        var reason = e.Message + "; nothing was read or written there (is the member stack deployed, and does its role trust this function?)";
        var report = new IncidentReport(FunctionName, record.IncidentId, IncidentOutcome.Failed, reason, finding, ReportHeadline.For(finding), previous, [])
        {
            Evidence = record.Evidence,
            MemberRoleArn = e.RoleArn,
        };
        var composed = NotificationComposer.Compose(report, RollbackCommand(record.IncidentId, deps.Settings.LedgerTable));
        record = record with
        {
            State = IncidentState.Failed,
            Outcome = IncidentOutcome.Failed,
            Reason = reason,
            Subject = composed.Subject,
            MemberRoleArn = e.RoleArn,
            Actions = previous,
            UpdatedAt = deps.Time.GetUtcNow(),
        };
        await deps.Ledger.SaveAsync(record, ct);
        log.Error("member role refused", ("account", e.Account), ("role", e.RoleArn), ("error", e.ErrorCode));
        return new Executed(report, record);
    }

    /// <summary>Not an incident: recorded as finished (so a redelivery is a duplicate), nothing published.</summary>
    private async Task<PipelineResult> RecordQuietAsync(Finding finding, IncidentRecord record, Plan plan, JsonLog log, CancellationToken ct)
    {
        var reason = "not an incident: " + (plan.Skipped.Count > 0 ? plan.Skipped[0] : "nothing for this function to do");
        await deps.Ledger.SaveAsync(record with
        {
            State = IncidentState.Notified,
            Outcome = IncidentOutcome.Skipped,
            Reason = reason,
            Skipped = plan.Skipped,
            Evidence = plan.Evidence,
            UpdatedAt = deps.Time.GetUtcNow(),
        }, ct);
        log.Info("not an incident; recorded, not published", ("reason", reason));
        var report = new IncidentReport(FunctionName, record.IncidentId, IncidentOutcome.Skipped, reason, finding, plan.Headline, [], plan.Skipped) { Evidence = plan.Evidence };
        return new PipelineResult(report, null, null, null);
    }

    // TargetGuard reads each target's tags: for a thousand jobs, a few at a time (the services throttle per account).
    private const int TagReadsInFlight = 8;

    private async Task<IReadOnlyDictionary<string, string?>> TargetObjectionsAsync(Plan plan, ITagLookup tags, CancellationToken ct)
    {
        var targets = plan.Actions.Select(a => a.Target).Distinct(StringComparer.Ordinal).ToList();
        var objections = new System.Collections.Concurrent.ConcurrentDictionary<string, string?>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = TagReadsInFlight, CancellationToken = ct },
            async (target, token) => objections[target] = await TargetGuard.ObjectionAsync(target, deps.Settings, tags, token));
        return objections;
    }

    private static List<GatedAction> Gate(Plan plan, IReadOnlyDictionary<string, string?> objections) =>
        [.. plan.Actions.Select(a => new GatedAction(a, objections[a.Target]))];

    /// <summary>The breaker's question for a plan about to write, or null when it has none to ask.</summary>
    private BreakerRequest? NeedsBreaker(Finding finding, IReadOnlyList<GatedAction> gated, Verdict verdict, IncidentRecord record)
    {
        var writable = gated.Where(g => g.SkipReason is null).Select(g => g.Action.Target).Distinct(StringComparer.Ordinal).ToList();
        // A released incident was let through by an operator (`remediate release`): it is not held again.
        return writable.Count == 0 || deps.Settings.Mode == RemediationMode.DryRun || verdict.Kind != VerdictKind.Proceed || record.Released
            ? null
            : new BreakerRequest(FunctionName, BreakerSource.Of(finding), record.IncidentId, writable) { Account = finding.AccountId };
    }

    private static string HeldReason(BreakerDecision breaker, string incidentId) =>
        $"{breaker.Reason}. Held in this window: {breaker.Held.Count} incident(s) ({string.Join(", ", breaker.Held.Take(10))}{(breaker.Held.Count > 10 ? ", ..." : "")}). "
        + $"A later delivery after the window contains it; `remediate held` lists them, `remediate release {incidentId}` runs this one now.";

    private static (IncidentOutcome Outcome, string Reason) Decide(IReadOnlyList<ActionRecord> actions, Verdict verdict, bool dryRun,
        IReadOnlyList<GatedAction> gated, IReadOnlyList<string> planSkipped)
    {
        var failed = actions.Where(a => a.Status == ActionStatus.Failed).ToList();
        if (failed.Count > 0)
        {
            return (IncidentOutcome.Failed, $"{failed.Count} of {actions.Count} actions failed: {failed[0].Kind} on {failed[0].Target}: {failed[0].Detail}");
        }
        if (actions.Any(a => a.Status == ActionStatus.Done))
        {
            var skipped = actions.Count(a => a.Status == ActionStatus.Skipped);
            return (IncidentOutcome.Remediated, skipped == 0 ? "contained" : $"contained; {skipped} action(s) skipped by guardrails");
        }
        if (dryRun && actions.Any(a => a.Status == ActionStatus.Planned))
        {
            return (IncidentOutcome.DryRun, verdict.Kind == VerdictKind.DryRunOnly ? verdict.Reason : "dry-run mode: writes planned, none made");
        }
        if (verdict.Kind != VerdictKind.Proceed)
        {
            return (IncidentOutcome.Skipped, verdict.Reason);
        }
        // Say which guardrail or fact stopped it; the generic sentence only when nothing more specific is known.
        var firstObjection = gated.FirstOrDefault(g => g.SkipReason is not null)?.SkipReason
            ?? actions.FirstOrDefault(a => a.Status == ActionStatus.Skipped)?.Detail
            ?? (planSkipped.Count > 0 ? planSkipped[0] : null);
        return (IncidentOutcome.Skipped, firstObjection ?? "reported only: no automatic remediation for this finding");
    }

    private PipelineResult Duplicate(Finding finding, IncidentRecord existing)
    {
        var report = new IncidentReport(FunctionName, existing.IncidentId, IncidentOutcome.Skipped,
            $"duplicate: incident {existing.IncidentId} already handled this event (outcome {existing.Outcome?.Word() ?? "unknown"})",
            finding, Headline.Same("Duplicate"), [], []);
        return new PipelineResult(report, existing.TopicArn, existing.MessageId, existing.Subject);
    }

    private IncidentReport ReportFrom(Finding finding, IncidentRecord record) =>
        new(FunctionName, record.IncidentId, record.Outcome ?? IncidentOutcome.Skipped, record.Reason ?? "", finding,
            Headline.Same(SubjectWithoutPrefix(record.Subject)), record.Actions, record.Skipped)
        { Evidence = record.Evidence };

    private static string SubjectWithoutPrefix(string? subject)
    {
        if (subject is null)
        {
            return "Incident";
        }
        var close = subject.IndexOf("] ", StringComparison.Ordinal);
        var open = subject.LastIndexOf(" (", StringComparison.Ordinal);
        var start = close >= 0 ? close + 2 : 0;
        return open > start ? subject[start..open] : subject[start..];
    }

    /// <summary>The exact command that undoes an incident.</summary>
    /// <remarks>
    /// The operator CLI as an installed .NET tool (tools/Remediate, command <c>remediate</c>), so the command works
    /// anywhere, not only in a checkout; the ledger table is named so no configuration is needed.
    /// </remarks>
    public static string RollbackCommand(string incidentId, string ledgerTable) => $"remediate rollback {incidentId} --table {ledgerTable}";
}
