namespace MedicalImaging.Reporting;

/// <summary>
/// The one place a finished run's results leave the sample. The console tables are printed while the run
/// goes; this writes the closing summary and, for each data set, an HTML and Markdown evaluation report
/// (MlNetNeural.Reports) of the MLP from the first cross-validation fold, scored on that fold's test rows.
/// </summary>
public static class RunReport
{
    /// <summary>Writes the run's closing summary to <paramref name="output"/>.</summary>
    public static void Publish(RunResults results, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("== Summary ==");
        foreach (var table in results.Tables)
        {
            foreach (var family in table.Families)
            {
                var accuracy = Tabular.ResultsTable.MeanAndStandardDeviation(family.Folds.Select(f => f.Metrics.Accuracy));
                var auc = Tabular.ResultsTable.MeanAndStandardDeviation(family.Folds.Select(f => f.Metrics.Auc));
                output.WriteLine(FormattableString.Invariant($"{table.Table.Name}: {family.Family.Name} accuracy {100 * accuracy.Mean:F1}%, AUC {auc.Mean:F3}"));
            }
        }
        if (results.Referral is [var loosest, .., var tightest])
            output.WriteLine(FormattableString.Invariant(
                $"Referral (MC dropout): accuracy on kept cases {100 * loosest.KeptAccuracy:F1}% with {100 * loosest.FractionReferred:F1}% referred, {100 * tightest.KeptAccuracy:F1}% with {100 * tightest.FractionReferred:F1}% referred"));
        if (results.Images is { } images)
            output.WriteLine(FormattableString.Invariant($"Images ({images.FeatureKind}): held-out accuracy {100 * images.Accuracy:F1}% on {images.TestImages} images"));
        foreach (var table in results.Tables) WriteEvaluationReport(table, output);
    }

    /// <summary>Folder the reports are written to, below the working directory.</summary>
    public static string ReportFolder { get; set; } = Path.Combine("artifacts", "medical-imaging");

    private static void WriteEvaluationReport(TableResults table, TextWriter output)
    {
        if (table.Families.FirstOrDefault(f => f.Family.Name == Tabular.ModelFamilies.MlpName)?.Folds.FirstOrDefault() is not { } fold) return;
        var ml = new Microsoft.ML.MLContext(seed: 1);
        var testRows = fold.TestRows;
        var trainRows = Enumerable.Range(0, table.Table.Rows).Except(testRows).ToArray();
        var scored = fold.Model.Transform(table.Table.ToDataView(ml, testRows));
        var card = MlNetNeural.Reports.ModelCard.FromMlp($"{table.Table.Name}: MLP, first cross-validation fold", fold.Model,
            table.Table.ToDataView(ml, trainRows), "Label", table.Table.PositiveClass, table.Table.NegativeClass);
        var report = MlNetNeural.Reports.EvaluationReport.ForBinary(ml, scored, "Label", card);
        string stem = string.Join('-', new string(table.Table.Name.TakeWhile(c => c != '(').Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));
        string html = Path.Combine(ReportFolder, stem + ".html");
        report.WriteHtml(html);
        string markdown = report.WriteMarkdown(Path.Combine(ReportFolder, stem + "-md"));
        output.WriteLine($"Report for {table.Table.Name}: {Path.GetFullPath(html)} (Markdown: {Path.GetFullPath(markdown)})");
    }
}
