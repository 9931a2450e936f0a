using System.Diagnostics;

namespace MlNetNeural.Benchmarks.Quality;

/// <summary>The <c>quality-tabular</c> command: runs, prints the report, writes Markdown and CSV when <c>--out</c> is given.</summary>
public static class QualityBenchmark
{
    /// <summary>Parses <paramref name="args"/>, runs, and reports.</summary>
    /// <param name="args">The arguments after the command name.</param>
    /// <param name="output">Progress and the report.</param>
    /// <returns>The summary (for tests).</returns>
    public static QualitySummary Run(IReadOnlyList<string> args, TextWriter output)
    {
        var options = QualityOptions.Parse(args);
        var clock = Stopwatch.StartNew();
        var (tables, ran) = QualityRunner.Run(options, output);
        var results = options.ReusePath is { } reuse ? [.. ran, .. Reused(QualityCsv.Read(reuse), options, ran)] : ran;
        var summary = new QualitySummary(tables, results);
        string report = QualityMarkdown.Write(summary, options) + $"Total run time: {clock.Elapsed.TotalMinutes:F1} min.\n";
        output.WriteLine();
        output.Write(report);
        if (options.OutputPath is { } path)
        {
            string csv = Path.ChangeExtension(path, ".csv");
            WriteText(path, report);
            WriteText(csv, QualityCsv.Write(results));
            output.WriteLine($"Wrote {Path.GetFullPath(path)} and {Path.GetFullPath(csv)}.");
        }
        return summary;
    }

    /// <summary>The earlier results of models not run now, for the tables, normalizers and seeds of this run.</summary>
    private static IEnumerable<QualityResult> Reused(IReadOnlyList<QualityResult> earlier, QualityOptions options, IReadOnlyList<QualityResult> ran)
    {
        var models = options.Models.Select(m => m.Name).ToHashSet();
        var keys = ran.Select(r => (r.Table, r.Normalizer, r.Seed)).ToHashSet();
        return earlier.Where(r => !models.Contains(r.Model) && keys.Contains((r.Table, r.Normalizer, r.Seed)));
    }

    private static void WriteText(string path, string text) =>
        MlNetNeural.Core.IO.AtomicFile.Write(path, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(text)));
}
