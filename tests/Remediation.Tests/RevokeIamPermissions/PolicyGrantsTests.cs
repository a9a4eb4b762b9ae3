using Remediation.Actions.Iam;
using Remediation.RevokeIamPermissions;

namespace Remediation.Tests.RevokeIamPermissions;

public class PolicyGrantsTests
{
    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["s3:GetObject","iam:*"],"Resource":"*"}}""")]
    [InlineData("""{"Statement":[{"Effect":"allow","Action":"IAM:*","Resource":"arn:aws:iam::123456789012:user/x"}]}""")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"i*","Resource":"*"}]}""")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"*:*","Resource":"*"}]}""")]
    [InlineData("""{"Statement":[{"Effect":"Allow","NotAction":"s3:DeleteBucket","Resource":"*"}]}""")]
    [InlineData("{\n\t\"Version\": \"2012-10-17\",\n\t\"Statement\": [ { \"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\" }, { \"Effect\": \"Allow\", \"Action\": [\"iam:*\"], \"Resource\": \"*\" } ]\n}")]
    public void Broad_grants_are_found(string document) => Assert.NotNull(PolicyGrants.BroadGrant(document));

    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:Get*","iam:List*"],"Resource":"*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*User*","Resource":"*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[42, "x", {"Effect":3,"Action":"*"}]}""")]
    public void Narrow_or_deny_documents_grant_nothing_broad(string document) => Assert.Null(PolicyGrants.BroadGrant(document));

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"Version":"2012-10-17"}""")]
    public void Unreadable_documents_throw_json_exceptions(string document) =>
        Assert.ThrowsAny<JsonException>(() => PolicyGrants.BroadGrant(document));

    [Fact]
    public void The_products_own_documents_grant_nothing_broad()
    {
        Assert.Null(PolicyGrants.BroadGrant(IamPolicyDocuments.DenyAll()));
        Assert.Null(PolicyGrants.BroadGrant(IamPolicyDocuments.RevokeOlderSessions(DateTimeOffset.UnixEpoch)));
    }

    [Fact]
    public void Session_revocation_document_is_the_console_form_with_the_given_time()
    {
        var cutoff = new DateTimeOffset(2026, 11, 26, 16, 5, 9, 700, TimeSpan.FromHours(1));
        Assert.Equal(
            """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["*"],"Resource":["*"],"Condition":{"DateLessThan":{"aws:TokenIssueTime":"2026-11-26T15:05:09Z"}}}]}""",
            IamPolicyDocuments.RevokeOlderSessions(cutoff));
    }

    [Fact]
    public void Same_compares_documents_as_json()
    {
        Assert.True(IamPolicyDocuments.Same("""{"a": [1, 2]}""", "{\n  \"a\":[1,2]\n}"));
        Assert.False(IamPolicyDocuments.Same("""{"a":[1,2]}""", """{"a":[2,1]}"""));
        Assert.False(IamPolicyDocuments.Same(null, "{}"));
        Assert.True(IamPolicyDocuments.Same(null, null));
    }
}
