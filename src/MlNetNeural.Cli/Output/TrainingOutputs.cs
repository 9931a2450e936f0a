using Microsoft.ML;
using MlNetNeural.Cli.Commands;

namespace MlNetNeural.Cli.Output;

/// <summary>The four files of <c>mlnn train</c> in its output folder, each written all-or-nothing.</summary>
internal static class TrainingOutputs
{
    public const string ModelFile = "model.zip";
    public const string ReportFile = "report.html";
    public const string MetricsFile = "metrics.json";
    public const string ProgramFile = "Program.cs";

    /// <summary>Writes model.zip, report.html, metrics.json and Program.cs; returns their paths.</summary>
    public static IReadOnlyList<string> Write(MLContext ml, TrainRun run)
    {
        string folder = run.Settings.OutDirectory;
        Directory.CreateDirectory(folder);
        string model = Path.Combine(folder, ModelFile), report = Path.Combine(folder, ReportFile),
            metrics = Path.Combine(folder, MetricsFile), program = Path.Combine(folder, ProgramFile);
        run.Result.Model.Save(ml, model);
        TrainingReport.Create(ml, run).WriteHtml(report);
        MetricsJson.Write(metrics, run);
        ExampleProgram.Write(program, run);
        return [model, report, metrics, program];
    }
}
