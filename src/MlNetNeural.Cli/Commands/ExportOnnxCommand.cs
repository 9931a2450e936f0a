using Spectre.Console;
using Microsoft.ML;
using MlNetNeural.Cli.CommandLine;
using MlNetNeural.Cli.Output;
using MlNetNeural.Onnx;
using MlNetNeural.Tabular;

namespace MlNetNeural.Cli.Commands;

/// <summary>
/// <c>mlnn export-onnx</c>: hands the whole saved pipeline to <c>ml.Model.ConvertMlpToOnnx</c>. The exporter decides what
/// it can write; a step it cannot export comes back as its message (naming the step), so the tool needs no change
/// when the exporter learns more steps.
/// </summary>
internal sealed class ExportOnnxCommand : ICliCommand
{
    public string Name => "export-onnx";

    public string Summary => "write a saved model as an ONNX file (ml.Model.ConvertMlpToOnnx)";

    public string Usage =>
        "mlnn export-onnx --model DIR/model.zip --out FILE.onnx\n" +
        "  Exports the whole pipeline (featurization and MLP) with MlNetNeural.Onnx; a step the exporter does not know\n" +
        "  yet is refused with a message that names it (docs/onnx.md lists what is exported).";

    // The columns whose steps have no ONNX translation in a model mlnn trained (free text, hashed categories), and how to
    // train one without them.
    private static string RetrainAdvice(TabularSchema decisions)
    {
        var untranslated = decisions.Features.Where(c => c.Kind == ColumnKind.Text || c is { Kind: ColumnKind.Categorical, Encoding: CategoricalEncoding.Hashing }).ToList();
        if (untranslated.Count == 0) return "";
        string names = string.Join(", ", untranslated.Select(c => $"'{c.Name}' ({(c.Kind == ColumnKind.Text ? "free text" : "hashed levels")})"));
        return $" In this model that is {names}: train again with {string.Join(" ", untranslated.Select(c => $"--column \"{c.Name}:ignore\""))} to export the model that leaves {(untranslated.Count == 1 ? "it" : "them")} out.";
    }

    public int Run(IReadOnlyList<string> args, CliEnvironment environment)
    {
        var parsed = ParsedArguments.Parse(Name, args, new HashSet<string> { "--model", "--out" });
        string modelPath = parsed.Required("--model", "DIR/model.zip (written by mlnn train)");
        string outPath = parsed.Required("--out", "FILE.onnx");
        OutputPaths.CheckFile("--out", outPath, "model.onnx");
        var ml = new MLContext(seed: 1);
        var model = TabularModel.Load(ml, modelPath);
        try
        {
            ml.Model.ConvertMlpToOnnx(model.Pipeline, model.InputSchema, outPath);
        }
        catch (ArgumentException e)
        {
            throw new CliInputException($"{modelPath} cannot be exported to ONNX: {e.Message}{RetrainAdvice(model.Decisions)}", e);
        }
        environment.Line($"Wrote {outPath}.");
        return ExitCodes.Success;
    }
}
