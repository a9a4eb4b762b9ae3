using System.Reflection;
using System.Text;
using System.Text.Json;
using Remediation.Core.Hosting;
using Remediation.Core.Pipeline;
using Remediation.Tool.Template;

namespace Remediation.Tool.Drill;

/// <summary>The result object of one routed function, as the drill report contract has it, and the function's log lines.</summary>
internal sealed record Invocation(string Function, JsonElement Result, string Logs)
{
    public string Outcome => Result.GetProperty("outcome").GetString() ?? Outcomes.Failed;
}

/// <summary>
/// Runs a function the way the managed runtime does: resolve the handler string
/// (Assembly::Namespace.Type::Method), construct the type with its parameterless constructor under the function's
/// environment, and call HandleAsync(Stream).
/// </summary>
internal static class FunctionInvoker
{
    public static async Task<Invocation> InvokeAsync(FunctionDefinition function, IReadOnlyDictionary<string, string> environment, byte[] eventJson)
    {
        var saved = environment.Keys.ToDictionary(k => k, Environment.GetEnvironmentVariable, StringComparer.Ordinal);
        var originalOut = Console.Out;
        using var logs = new StringWriter();
        try
        {
            foreach (var (name, value) in environment)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
            Console.SetOut(logs);
            var handle = Bind(function.Handler);
            using var input = new MemoryStream(eventJson, writable: false);
            var output = await handle(input);
            return new Invocation(function.Name, ReadJson(output), logs.ToString());
        }
        catch (Exception e)
        {
            var cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            return new Invocation(function.Name, Failure(function.Name, cause), logs.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    /// <summary>Resolves a handler string to a callable, constructing the function object (its parameterless constructor reads the environment).</summary>
    public static Func<Stream, Task<Stream>> Bind(string handler)
    {
        var method = HandlerMethod(handler);
        var instance = Activator.CreateInstance(method.DeclaringType!);
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
                w.WriteString("outcome", Outcomes.Failed);
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
