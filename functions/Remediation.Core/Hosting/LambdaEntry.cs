namespace Remediation.Core.Hosting;

/// <summary>
/// The base of every function's Lambda entry type: the handler method <c>HandleAsync(Stream)</c> is declared here once.
/// The managed runtime looks for the handler method on the named type and then on its base types
/// (Amazon.Lambda.RuntimeSupport, UserCodeLoader.FindCustomerMethodByName:
/// https://github.com/aws/aws-lambda-dotnet/blob/master/Libraries/src/Amazon.Lambda.RuntimeSupport/Bootstrap/UserCodeLoader.cs).
/// Each function's entry type gives a public parameterless constructor (Lambda's) and one taking
/// <see cref="FunctionInputs"/> (drills and tests).
/// </summary>
/// <param name="handler">The function's handler, built once per container.</param>
public abstract class LambdaEntry(FunctionHandler handler)
{
    /// <summary>Handles one EventBridge event; returns the summary JSON.</summary>
    public Task<Stream> HandleAsync(Stream input) => handler.HandleAsync(input);
}
