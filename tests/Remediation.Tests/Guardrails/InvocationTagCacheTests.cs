using Remediation.Core.Guardrails;

namespace Remediation.Tests.Guardrails;

/// <summary>Issue 13.1: one tag read per resource per attempt (the principal and its actions' targets are often one user).</summary>
public sealed class InvocationTagCacheTests
{
    private const string User = "arn:aws:iam::123456789012:user/etl-service-user";

    [Fact]
    public async Task A_resource_checked_three_times_in_an_attempt_is_read_once()
    {
        var inner = new FakeTags(new() { [User] = new() { ["remediation:exempt"] = "true" } });
        var cache = new InvocationTagCache(inner);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("true", (await cache.GetTagsAsync(User, default))["remediation:exempt"]);
        }
        Assert.Equal([User], inner.Lookups);
    }

    [Fact]
    public async Task A_new_attempt_reads_again()
    {
        var inner = new FakeTags();
        await new InvocationTagCache(inner).GetTagsAsync(User, default);
        await new InvocationTagCache(inner).GetTagsAsync(User, default);
        Assert.Equal(2, inner.Lookups.Count);
    }
}
