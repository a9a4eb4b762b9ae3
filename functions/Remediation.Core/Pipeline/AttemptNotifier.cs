using Remediation.Core.Ledger;
using Remediation.Core.Logging;
using Remediation.Core.Notifications;

namespace Remediation.Core.Pipeline;

/// <summary>
/// Publishes an attempt's one message and records that it did (docs/architecture.md §states): a failed publish
/// releases the claim for a notify-only retry; a publish that succeeded is never followed by a thrown error that would
/// make Lambda publish again.
/// </summary>
internal sealed class AttemptNotifier(PipelineDependencies deps)
{
    /// <summary>
    /// Publishes the attempt's one message. A failed publish releases the claim but keeps the incident executed, so the
    /// retry only notifies. Once published, a failure to record that is logged, not thrown: a Lambda retry would publish
    /// a second message, and the writes are recorded already.
    /// </summary>
    public async Task<PipelineResult> NotifyAsync(IncidentReport report, IncidentRecord record, JsonLog log, CancellationToken ct)
    {
        var composed = NotificationComposer.Compose(report, IncidentPipeline.RollbackCommand(record.IncidentId, deps.Settings.LedgerTable));
        string messageId;
        try
        {
            messageId = await deps.Notifier.PublishAsync(composed, ct);
        }
        catch (Exception e) when (record.State is IncidentState.Executed or IncidentState.Held && e is not OutOfMemoryException)
        {
            await ReleaseForNotifyAsync(record, e, log);
            throw;
        }
        log.Info("notified", ("messageId", messageId), ("subject", composed.Subject));
        if (record.State != IncidentState.Failed)
        {
            var notified = record with
            {
                State = record.State == IncidentState.Held ? IncidentState.Held : IncidentState.Notified,
                MessageId = messageId,
                TopicArn = deps.Notifier.TopicArn,
                UpdatedAt = deps.Time.GetUtcNow(),
            };
            await RecordNotifiedAsync(notified, log);
        }
        return new PipelineResult(report, deps.Notifier.TopicArn, messageId, composed.Subject);
    }

    // The message is out: recording that is worth a few more rounds of the client's retries (each up to five attempts
    // with its own backoff), because a failure here leaves the incident 'executed' and a later redelivery would publish
    // it again.
    private async Task RecordNotifiedAsync(IncidentRecord notified, JsonLog log)
    {
        const int Rounds = 3;
        for (var round = 1; ; round++)
        {
            try
            {
                await deps.Ledger.SaveAsync(notified, CancellationToken.None);
                return;
            }
            catch (ClaimLostException)
            {
                return; // another invocation owns the incident now, and records it
            }
            catch (Exception e) when (e is not OutOfMemoryException && round < Rounds)
            {
                log.Warn("notified; recording it failed, trying again", ("round", round.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("error", e.Message));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                log.Error("notified, but the ledger could not record it; the incident stays 'executed'", ("messageId", notified.MessageId), ("error", e.Message));
                return;
            }
        }
    }

    // The claim's time is set back so the next delivery resumes the notification at once instead of after the timeout.
    private async Task ReleaseForNotifyAsync(IncidentRecord record, Exception error, JsonLog log)
    {
        try
        {
            await deps.Ledger.SaveAsync(record with { ClaimedAt = DateTimeOffset.UnixEpoch, UpdatedAt = deps.Time.GetUtcNow() }, CancellationToken.None);
            log.Warn("notification failed; claim released, the next delivery only notifies", ("error", error.Message));
        }
        catch (Exception saveError) when (saveError is not OutOfMemoryException)
        {
            log.Error("notification failed and the claim could not be released; it expires by its timeout", ("error", saveError.Message));
        }
    }
}
