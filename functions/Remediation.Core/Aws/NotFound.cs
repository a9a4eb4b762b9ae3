namespace Remediation.Core.Aws;

/// <summary>Reads of entities that may have been deleted since the event (IAM answers NoSuchEntity).</summary>
public static class NotFound
{
    /// <summary>The read's value, or null when IAM says the entity does not exist; every other error is thrown.</summary>
    public static async Task<T?> OrNullAsync<T>(Task<T> read) where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return await read;
        }
        catch (AwsServiceException e) when (e.IsNoSuchEntity)
        {
            return null;
        }
    }
}
