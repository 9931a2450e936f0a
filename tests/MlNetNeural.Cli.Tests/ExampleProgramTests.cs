using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MlNetNeural.Cli.Tests;

/// <summary>
/// The Program.cs that train writes compiles (C# of the .NET 10 SDK, nullable on, no warnings) against the assemblies a
/// console project referencing MlNetNeural gets, and runs against the saved model, printing a prediction. Compiled in
/// process with Roslyn, so the test costs seconds, not a project build.
/// </summary>
[Collection(ConsoleOutput.Collection)]
public class ExampleProgramTests(TrainedModels models) : IClassFixture<TrainedModels>
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
    {
        string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        // The framework, and what `dotnet add package MlNetNeural` brings: MlNetNeural, its core and ML.NET.
        var package = Directory.GetFiles(AppContext.BaseDirectory, "*.dll").Where(p => Path.GetFileName(p) is "MlNetNeural.dll" or "MlNetNeural.Core.dll"
            || Path.GetFileName(p).StartsWith("Microsoft.ML", StringComparison.Ordinal));
        var paths = trusted.Split(Path.PathSeparator).Concat(package);
        return [.. paths.Where(IsManaged).DistinctBy(Path.GetFileName).Select(p => MetadataReference.CreateFromFile(p))];
    });

    [Theory]
    [InlineData("binary", "Predicted outcome: ", "(probability of yes: ")]
    [InlineData("penguins", "Predicted species: ", "(probability ")]
    [InlineData("houses", "Predicted price: ", "")]   // "": the rest of the line is the predicted number
    public void ProgramCompilesAndPredictsOneRowWithTheSavedModel(string dir, string start, string detail)
    {
        string folder = models.File(dir);
        string source = File.ReadAllText(Path.Combine(folder, "Program.cs"));
        var compilation = CSharpCompilation.Create($"Predict_{dir}", [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            References.Value, new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var problems = emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(emitted.Success && problems.Count == 0, string.Join("\n", problems) + "\n" + source);

        var program = Assembly.Load(image.ToArray());
        string output = ConsoleOutput.Capture(() => program.EntryPoint!.Invoke(null, [new[] { Path.Combine(folder, "model.zip") }]));
        Assert.StartsWith(start, output);
        if (detail.Length > 0) Assert.Contains(detail, output);
        else Assert.True(float.TryParse(output[start.Length..].Trim(), System.Globalization.CultureInfo.CurrentCulture, out float score) && float.IsFinite(score),
            $"a regression prints one number after '{start}': {output}");
    }

    private static bool IsManaged(string path)
    {
        try
        {
            using var reader = new PEReader(File.OpenRead(path));
            return reader.HasMetadata && reader.GetMetadataReader().IsAssembly;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}

/// <summary>Console.Out is global: the tests that redirect it run one at a time.</summary>
[CollectionDefinition(Collection, DisableParallelization = true)]
public sealed class ConsoleOutput
{
    public const string Collection = "Console output";

    public static string Capture(Action action)
    {
        var previous = Console.Out;
        var writer = new StringWriter();
        Console.SetOut(writer);
        try
        {
            action();
        }
        finally
        {
            Console.SetOut(previous);
        }
        return writer.ToString();
    }
}
