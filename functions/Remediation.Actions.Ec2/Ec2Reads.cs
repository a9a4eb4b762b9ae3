using Amazon.EC2;
using Amazon.EC2.Model;

namespace Remediation.Actions.Ec2;

/// <summary>The EC2 reads the handlers share.</summary>
internal static class Ec2Reads
{
    /// <summary>One network interface, or null when EC2 no longer knows it.</summary>
    public static async Task<NetworkInterface?> InterfaceAsync(IAmazonEC2 ec2, string id, CancellationToken ct)
    {
        try
        {
            var found = await ec2.DescribeNetworkInterfacesAsync(new DescribeNetworkInterfacesRequest { NetworkInterfaceIds = [id] }, ct);
            return found.NetworkInterfaces?.FirstOrDefault();
        }
        catch (AmazonEC2Exception e) when (e.ErrorCode == "InvalidNetworkInterfaceID.NotFound")
        {
            return null;
        }
    }
}
