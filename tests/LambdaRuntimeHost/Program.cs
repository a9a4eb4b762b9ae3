using System.Reflection;
using System.Runtime.Loader;

// Loads a class-library handler from a published folder the way the managed .NET Lambda runtime does, and invokes it
// once: handler string Assembly::Namespace.Type::Method, the assembly and its dependencies resolved from the folder's
// .deps.json (AssemblyDependencyResolver), the type built with its public parameterless constructor, the method
// Task<Stream> Method(Stream) called with the event read from stdin. The result goes to stdout; the function's logs
// to stderr. Exit 0 when the handler returned, 1 when it threw, 2 for a handler string or package it cannot load.
// (https://docs.aws.amazon.com/lambda/latest/dg/csharp-handler.html, "Class library handlers")
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: LambdaRuntimeHost <published folder> <Assembly::Namespace.Type::Method>");
    return 2;
}
var folder = Path.GetFullPath(args[0]);
var parts = args[1].Split("::");
if (parts.Length != 3)
{
    Console.Error.WriteLine($"handler '{args[1]}' is not Assembly::Namespace.Type::Method");
    return 2;
}
var assemblyPath = Path.Combine(folder, parts[0] + ".dll");
if (!File.Exists(assemblyPath))
{
    Console.Error.WriteLine($"{parts[0]}.dll is not in {folder}");
    return 2;
}
var context = new FunctionLoadContext(assemblyPath);
var assembly = context.LoadFromAssemblyPath(assemblyPath);
var type = assembly.GetType(parts[1]);
var method = type?.GetMethod(parts[2], BindingFlags.Public | BindingFlags.Instance, [typeof(Stream)]);
if (type is null || method is null || method.ReturnType != typeof(Task<Stream>) || type.GetConstructor(Type.EmptyTypes) is null)
{
    Console.Error.WriteLine($"{args[1]}: no public {parts[1]}() with Task<Stream> {parts[2]}(Stream)");
    return 2;
}
// Lambda names the kind of initialization in every execution environment it starts (a reserved variable).
if (Environment.GetEnvironmentVariable("AWS_LAMBDA_INITIALIZATION_TYPE") is null)
{
    Environment.SetEnvironmentVariable("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
}
var stdout = Console.Out;
Console.SetOut(Console.Error); // the function logs to stdout in Lambda; keep this process's stdout for the result
try
{
    var instance = Activator.CreateInstance(type)!;
    using var input = new MemoryStream();
    await Console.OpenStandardInput().CopyToAsync(input);
    input.Position = 0;
    var result = await (Task<Stream>)method.Invoke(instance, [input])!;
    using var reader = new StreamReader(result);
    await stdout.WriteAsync(await reader.ReadToEndAsync());
    await stdout.FlushAsync();
    return 0;
}
catch (Exception e)
{
    Console.Error.WriteLine($"handler threw: {(e is TargetInvocationException { InnerException: { } inner } ? inner : e)}");
    return 1;
}

/// <summary>Resolves the function's dependencies from its own .deps.json, never from this host.</summary>
internal sealed class FunctionLoadContext(string mainAssembly) : AssemblyLoadContext("function")
{
    private readonly AssemblyDependencyResolver resolver = new(mainAssembly);

    protected override Assembly? Load(AssemblyName assemblyName) =>
        resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
}
