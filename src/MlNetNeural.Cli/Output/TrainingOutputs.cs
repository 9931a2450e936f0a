using Microsoft.ML;
using MlNetNeural.Core.IO;
using MlNetNeural.Cli.Commands;

namespace MlNetNeural.Cli.Output;

/// <summary>The four files of <c>mlnn train</c> in its output folder, written all-or-nothing together.</summary>
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
        OutputPaths.EnsureWritableFolder("--out", folder);
    }

    /// <summary>
    /// Writes model.zip, report.html, metrics.json and Program.cs; returns their paths. All four are made in a folder of their
    /// own first, and only when every one is made do they replace the output folder's files (each all-or-nothing): a run
    /// that fails while making them (a report that cannot be drawn, a full disk) leaves the previous run's four files as
    /// they were, not a model of one run beside the report of another.
    /// </summary>
    public static IReadOnlyList<string> Write(MLContext ml, TrainRun run)
    {
        string folder = run.Settings.OutDirectory;
        var staging = Directory.CreateTempSubdirectory("mlnn-outputs-");
        try
        {
            string Staged(string name) => Path.Combine(staging.FullName, name);
            run.Result.Model.Save(ml, Staged(ModelFile));
            TrainingReport.Create(ml, run).WriteHtml(Staged(ReportFile));
            MetricsJson.Write(Staged(MetricsFile), run);
            ExampleProgram.Write(Staged(ProgramFile), run);
            Directory.CreateDirectory(folder);
            string[] names = [ModelFile, ReportFile, MetricsFile, ProgramFile];
            foreach (string name in names)
            {
                using var made = File.OpenRead(Staged(name));
                AtomicFile.Write(Path.Combine(folder, name), made.CopyTo);
            }
            return [.. names.Select(name => Path.Combine(folder, name))];
        }
        finally
        {
            staging.Delete(recursive: true);
        }
    }
}
