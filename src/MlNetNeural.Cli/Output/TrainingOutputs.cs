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

    /// <summary>
    /// Creates the output folder and checks that a file can be written in it: called before the search, so that a folder
    /// that cannot hold the outputs is reported at once, not after the whole search.
    /// </summary>
    /// <exception cref="CliInputException">The path is a file, or the folder cannot be created or written to.</exception>
    public static void PrepareFolder(string folder)
    {
        if (File.Exists(folder))
            throw new CliInputException($"--out {folder} is a file, not a folder. Give the folder the four files go to (it is created if it does not exist).");
        try
        {
            Directory.CreateDirectory(folder);
            string probe = Path.Combine(folder, $".mlnn-write-check-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"--out {folder} cannot hold the outputs ({e.Message}). Give a folder you can write to.", e);
        }
    }

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
