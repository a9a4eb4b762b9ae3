using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;

namespace Remediation.Actions.AccessKeys;

/// <summary>What a rotation parameter's (non-secret) description says: which key it holds and which one it replaced.</summary>
/// <param name="AccessKeyId">The key whose secret the parameter holds.</param>
/// <param name="UserName">Its user.</param>
/// <param name="Replaces">The key it replaced.</param>
/// <param name="Version">The parameter version.</param>
public sealed record RotationParameterInfo(string AccessKeyId, string UserName, string Replaces, long Version);

/// <summary>
/// The SecureString that hands a rotated key to workloads. Value: <c>{"AccessKeyId":"…","SecretAccessKey":"…"}</c>,
/// encrypted with the stack's KMS key. The description (never secret) names the key and the key it replaced,
/// so a retried rotation recognises its own earlier work without decrypting anything.
/// </summary>
public static partial class RotationParameter
{
    /// <summary>"/remediation/access-keys" + "/" + encoded user name.</summary>
    /// <remarks>
    /// IAM user names may hold <c>+=,.@_-</c>; SSM names allow only <c>a-zA-Z0-9_.-/</c>. '_' escapes:
    /// "_" → "__", '+' → "_2B", '=' → "_3D", ',' → "_2C", '@' → "_40" (injective, and plain names stay as they are).
    /// </remarks>
    public static string NameFor(string prefix, string userName)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(userName);
        var sb = new StringBuilder(prefix.TrimEnd('/')).Append('/');
        foreach (var c in userName)
        {
            if (c == '_')
            {
                sb.Append("__");
            }
            else if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('_').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }

    /// <summary>The description written with the parameter.</summary>
    public static string Description(string accessKeyId, string userName, string replaces) =>
        $"Access key {accessKeyId} of IAM user {userName}, replacing {replaces}. Written by Remediation RotateKeys.";

    /// <summary>Reads the parameter's metadata (no value, no decryption); null when it does not exist.</summary>
    public static async Task<(bool Exists, RotationParameterInfo? Info, long? Version)> DescribeAsync(IAmazonSimpleSystemsManagement ssm, string name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ssm);
        var response = await ssm.DescribeParametersAsync(new DescribeParametersRequest
        {
            ParameterFilters = [new ParameterStringFilter { Key = "Name", Option = "Equals", Values = [name] }],
        }, ct);
        var meta = response.Parameters?.FirstOrDefault(p => p.Name == name);
        if (meta is null)
        {
            return (false, null, null);
        }
        var match = meta.Description is { } d ? DescriptionPattern().Match(d) : Match.Empty;
        var info = match.Success
            ? new RotationParameterInfo(match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value, meta.Version ?? 0)
            : null;
        return (true, info, meta.Version);
    }

    /// <summary>The parameter value; the caller must not keep or log it.</summary>
    internal static string Value(string accessKeyId, string secret)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("AccessKeyId", accessKeyId);
            w.WriteString("SecretAccessKey", secret);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [GeneratedRegex(@"^Access key (\S+) of IAM user (\S+), replacing (\S+?)\.", RegexOptions.CultureInvariant)]
    private static partial Regex DescriptionPattern();
}
