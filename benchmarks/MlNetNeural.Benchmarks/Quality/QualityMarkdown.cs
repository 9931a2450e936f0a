using System.Globalization;
using System.Text;

namespace MlNetNeural.Benchmarks.Quality;

/// <summary>The report as Markdown tables (also what the console shows): summary per normalizer, the tables, the results.</summary>
public static class QualityMarkdown
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Writes the whole report.</summary>
    /// <param name="summary">The numbers.</param>
    /// <param name="options">What was run (for the header lines).</param>
    public static string Write(QualitySummary summary, QualityOptions options)
    {
        var text = new StringBuilder();
        text.AppendLine($"Repeats: {options.Repeats} stratified {100 - options.TestFraction * 100:0}/{options.TestFraction * 100:0} splits per table (seeds 1..{options.Repeats}); " +
                        "metric on the test rows: AUC (binary), macro accuracy (multiclass), RMSE (regression). The last column: the Mlp's log-loss on the test rows (ML.NET's, classification only), which shows over-confident probabilities that a ranking metric does not. Every model with its default options.");
        if (options.ReusePath is { } reuse)
            text.AppendLine($"Results of the models not run in this run ({string.Join(", ", QualityModel.All.Where(m => options.Models.All(o => o.Name != m.Name)).Select(m => m.Display))}) " +
                            $"are reused from `{Path.GetFileName(reuse)}`, an earlier run on the same splits; their code and options did not change.");
        text.AppendLine();
        WriteSummary(text, summary, options);
        WriteTables(text, summary);
        WriteResults(text, summary, options);
        var failures = summary.Failures.ToList();
        if (failures.Count > 0)
        {
            text.AppendLine("### Failed fits").AppendLine();
            foreach (var f in failures) text.AppendLine($"- {f.Table}, {f.Normalizer}, {f.Model}, seed {f.Seed}: {f.Error}");
            text.AppendLine();
        }
        return text.ToString();
    }

    private static void WriteSummary(StringBuilder text, QualitySummary summary, QualityOptions options)
    {
        text.AppendLine("### Median gap of Mlp to LightGbm, in points (positive: Mlp better)").AppendLine();
        text.AppendLine("Gap per table: (Mlp - LightGbm) x 100 for AUC and macro accuracy; (LightGbm - Mlp) / LightGbm x 100 for RMSE. Fit seconds: total over every table and repeat.").AppendLine();
        var models = summary.Models;
        text.AppendLine($"| normalizer before the trainer | median gap, all tables | median gap, tables with text columns | {string.Join(" | ", models.Select(m => $"{Display(options, m)} fit s"))} |");
        text.AppendLine($"|---|---|---|{string.Concat(models.Select(_ => "---|"))}");
        foreach (string normalizer in summary.Normalizers)
        {
            var all = summary.MedianGap(normalizer);
            var textOnly = summary.MedianGap(normalizer, textTablesOnly: true);
            text.AppendLine($"| {DisplayNormalizer(options, normalizer)} | {Gap(all)} | {Gap(textOnly)} | {string.Join(" | ", models.Select(m => summary.TotalFitSeconds(m, normalizer).ToString("F1", Invariant)))} |");
        }
        text.AppendLine($"| **all four** | | | {string.Join(" | ", models.Select(m => "**" + summary.TotalFitSeconds(m).ToString("F1", Invariant) + "**"))} |");
        text.AppendLine();
    }

    private static void WriteTables(StringBuilder text, QualitySummary summary)
    {
        text.AppendLine("### Tables (as MlNetNeural.Tabular inferred them)").AppendLine();
        text.AppendLine("| table | task | rows | numeric | categorical | text | ignored | missing cells | features after featurization |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var t in summary.Tables)
        {
            text.AppendLine($"| {t.Name} | {t.Task} | {t.Rows} | {t.Numeric} | {t.Categorical} | {t.Text} | {t.Ignored} | {t.MissingCells} | {t.Features} |");
        }
        text.AppendLine();
    }

    private static void WriteResults(StringBuilder text, QualitySummary summary, QualityOptions options)
    {
        var models = summary.Models;
        text.AppendLine("### Results: mean ± standard deviation over the repeats (mean fit seconds)").AppendLine();
        text.AppendLine($"| table | metric | normalizer | {string.Join(" | ", models.Select(m => Display(options, m)))} | gap | Mlp log-loss |");
        text.AppendLine($"|---|---|---|{string.Concat(models.Select(_ => "---|"))}---|---|");
        foreach (var t in summary.Tables)
        {
            foreach (string normalizer in summary.Normalizers)
            {
                var cells = models.Select(m => Cell(summary.Cell(t.Name, normalizer, m)));
                double? gap = summary.Gap(t.Name, normalizer);
                text.AppendLine($"| {t.Name} | {QualityModel.MetricName(t.Task)} | {DisplayNormalizer(options, normalizer)} | {string.Join(" | ", cells)} | {(gap is { } g ? Signed(g) : "-")} | {LogLossCell(summary.LogLoss(t.Name, normalizer, QualitySummary.Ours))} |");
            }
        }
        text.AppendLine();
    }

    private static string Cell(QualityCell? cell)
    {
        if (cell is null) return "-";
        string failed = cell.Failures > 0 ? $" ({cell.Failures} failed)" : "";
        if (!double.IsFinite(cell.Mean)) return $"failed{failed}";
        string format = Math.Abs(cell.Mean) >= 100 ? "F0" : Math.Abs(cell.Mean) >= 10 ? "F2" : "F4";
        return $"{cell.Mean.ToString(format, Invariant)} ± {cell.StandardDeviation.ToString(format, Invariant)} ({cell.FitSeconds.ToString("F2", Invariant)} s){failed}";
    }

    /// <summary>Mean ± standard deviation of the finite log-losses, and how many repeats were infinite; "-" when unknown.</summary>
    private static string LogLossCell(QualityLogLoss? logLoss)
    {
        if (logLoss is null) return "-";
        string finite = double.IsNaN(logLoss.Mean) ? "" : $"{logLoss.Mean.ToString("F4", Invariant)} ± {logLoss.StandardDeviation.ToString("F4", Invariant)}";
        if (logLoss.Infinite == 0) return finite;
        string infinite = $"infinite in {logLoss.Infinite} of {logLoss.Known}";
        return finite.Length == 0 ? infinite : $"{finite} ({infinite})";
    }

    private static string Gap((double? Median, int Tables) gap) =>
        gap.Median is { } m ? $"{Signed(m)} ({gap.Tables} tables)" : "-";

    /// <summary>One decimal with a sign (<c>+1.3</c>, <c>-3.2</c>); a value that rounds to zero is <c>0.0</c>, never <c>-0.0</c>.</summary>
    /// <param name="value">A gap in points.</param>
    public static string Signed(double value)
    {
        double rounded = Math.Round(value, 1, MidpointRounding.AwayFromZero);
        return rounded == 0 ? "0.0" : rounded.ToString("+0.0;-0.0", Invariant);
    }

    private static string Display(QualityOptions options, string model) =>
        (options.Models.FirstOrDefault(m => m.Name == model) ?? QualityModel.All.FirstOrDefault(m => m.Name == model))?.Display ?? model;

    private static string DisplayNormalizer(QualityOptions options, string normalizer) =>
        options.Normalizers.FirstOrDefault(n => n.Name == normalizer)?.Display is { } d ? $"`{d}`" : normalizer;
}
