namespace MedicalImaging.Reporting;

/// <summary>
/// The one place a finished run's results leave the sample. The console tables are printed while the run
/// goes; this writes the closing summary. When the MlNetNeural.Reports package (HTML/Markdown + plots)
/// is available, its report call belongs in <see cref="Publish"/> and nowhere else.
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
    }
}
