using System.Reflection;
using System.Text;
using System.Text.Json;
using Remediation.Core.Hosting;
using Remediation.Tool.Template;

namespace Remediation.Tool.Drill;

/// <summary>The result object of one routed function, as the drill report contract has it, and the function's log lines.</summary>
internal sealed record Invocation(string Function, JsonElement Result, string Logs)
{
    public IncidentOutcome Outcome => IncidentOutcomes.FromWord(Result.GetProperty("outcome").GetString()) ?? IncidentOutcome.Failed;
}

/// <summary>
/// Runs a function the way the managed runtime does: resolve the handler string
/// (Assembly::Namespace.Type::Method), construct the type, and call HandleAsync(Stream). The drill constructs it with
/// explicit inputs (its environment, clients for the emulation, a log writer) instead of changing the process's
/// environment and console; Lambda's parameterless constructor is the same composition over the process.
/// </summary>
internal static class FunctionInvoker
{
    public static async Task<Invocation> InvokeAsync(FunctionDefinition function, IReadOnlyDictionary<string, string> environment, byte[] eventJson)
    {
        using var logs = new StringWriter();
        try
        {
            var handle = Bind(function.Handler, FunctionInputs.FromVariables(environment, logs));
            using var input = new MemoryStream(eventJson, writable: false);
            var output = await handle(input);
            return new Invocation(function.Name, ReadJson(output), logs.ToString());
        }
        catch (Exception e)
        {
            var cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            return new Invocation(function.Name, Failure(function.Name, cause), logs.ToString());
        }
    }

    /// <summary>
    /// Resolves a handler string to a callable, constructing the function object with the given inputs (the
    /// constructor every function has next to Lambda's parameterless one), so nothing process-wide changes.
    /// </summary>
    public static Func<Stream, Task<Stream>> Bind(string handler, FunctionInputs inputs)
    {
        var method = HandlerMethod(handler);
        // The handler method may be declared on a base type (LambdaEntry); the type to construct is the one named.
        var instance = method.ReflectedType!.GetConstructor([typeof(FunctionInputs)])!.Invoke([inputs]);
        return input => (Task<Stream>)method.Invoke(instance, [input])!;
    }

    /// <summary>The method a handler string names, checked for the managed-runtime shape: public Task&lt;Stream&gt; M(Stream) on a type with a public parameterless constructor.</summary>
    public static MethodInfo HandlerMethod(string handler)
    {
        var parts = handler.Split("::");
        if (parts.Length != 3)
        {
            throw new UsageException($"handler '{handler}' is not Assembly::Namespace.Type::Method");
        }
        var assembly = Assembly.Load(new AssemblyName(parts[0]));
        var type = assembly.GetType(parts[1], throwOnError: false) ?? throw new UsageException($"handler '{handler}': no type {parts[1]} in {parts[0]}");
        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new UsageException($"handler '{handler}': {parts[1]} has no public parameterless constructor");
        }
        if (type.GetConstructor([typeof(FunctionInputs)]) is null)
        {
            throw new UsageException($"handler '{handler}': {parts[1]} has no public constructor taking FunctionInputs");
        }
        var method = type.GetMethod(parts[2], [typeof(Stream)])
            ?? throw new UsageException($"handler '{handler}': {parts[1]} has no method {parts[2]}(Stream)");
        return method.ReturnType == typeof(Task<Stream>) ? method
            : throw new UsageException($"handler '{handler}': {parts[2]} must return Task<Stream>");
    }

    private static JsonElement ReadJson(Stream output)
    {
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.Clone();
    }

    private static JsonElement Failure(string function, Exception cause)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            if (cause is RemediationFailedException { Result: { } result })
            {
                FunctionHandler.WriteResult(w, result);
            }
            else
            {
                w.WriteStartObject();
                w.WriteString("function", function);
                w.WriteNull("incidentId");
                w.WriteString("outcome", IncidentOutcome.Failed.Word());
                w.WriteString("reason", $"{cause.GetType().Name}: {cause.Message}");
                w.WriteStartArray("actions");
                w.WriteEndArray();
                w.WriteNull("notification");
                w.WriteEndObject();
            }
        }
        using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(stream.ToArray()));
        return doc.RootElement.Clone();
    }
}
