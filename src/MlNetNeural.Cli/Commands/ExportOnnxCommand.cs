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
            throw new CliInputException($"{modelPath} cannot be exported to ONNX: {e.Message}", e);
        }
        environment.Line($"Wrote {outPath}.");
        return ExitCodes.Success;
    }
}
