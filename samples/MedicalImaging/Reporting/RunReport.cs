using System.Globalization;
using MedicalImaging.Tabular;
using MedicalImaging.Uncertainty;
using Microsoft.ML;
using MlNetNeural.Reports;
using MlNetNeural.Reports.Explanations;

namespace MedicalImaging.Reporting;

/// <summary>
/// The one place a finished run's results leave the sample. The console tables are printed while the run goes; this
/// writes the closing summary and, for each data set, an HTML and Markdown evaluation report (MlNetNeural.Reports) of
/// the MLP's out-of-fold predictions on ALL test folds, decided at the sample's operating point (each fold's threshold),
/// with the data set's class names.
/// </summary>
public static class RunReport
{
    /// <summary>Folder the reports are written to, below the working directory.</summary>
    public static string ReportFolder { get; set; } = Path.Combine("artifacts", "medical-imaging");

    /// <summary>Writes the run's closing summary and the reports, naming their paths on <paramref name="output"/>.</summary>
    public static void Publish(RunResults results, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("== Summary ==");
        foreach (var table in results.Tables)
        {
            foreach (var family in table.Families)
            {
                var accuracy = ResultsTable.MeanAndStandardDeviation(family.Folds.Select(f => f.Metrics.Accuracy));
                var auc = ResultsTable.MeanAndStandardDeviation(family.Folds.Select(f => f.Metrics.Auc));
                var sensitivity = ResultsTable.MeanAndStandardDeviation(family.Folds.Select(f => f.Metrics.Sensitivity));
                var specificity = ResultsTable.MeanAndStandardDeviation(family.Folds.Select(f => f.Metrics.Specificity));
                output.WriteLine(FormattableString.Invariant(
                    $"{table.Table.Name}: {family.Family.Name} accuracy {100 * accuracy.Mean:F1}%, AUC {auc.Mean:F3}, sensitivity {100 * sensitivity.Mean:F1}%, specificity {100 * specificity.Mean:F1}% (means over the test folds)"));
            }
        }
        if (results.Referral is [var loosest, .., var tightest])
            output.WriteLine(FormattableString.Invariant(
                $"Referral (MC dropout): accuracy on kept cases {100 * loosest.KeptAccuracy:F1}% with {100 * loosest.FractionReferred:F1}% referred, {100 * tightest.KeptAccuracy:F1}% with {100 * tightest.FractionReferred:F1}% referred"));
        if (results.Images is { } images)
            output.WriteLine(FormattableString.Invariant($"Images ({images.FeatureKind}): held-out accuracy {100 * images.Accuracy:F1}% on {images.TestImages} images"));
        foreach (var table in results.Tables)
            WriteEvaluationReport(table, table == results.Tables[0] ? results.ReferralExplanations : [], output);
    }

    private static void WriteEvaluationReport(TableResults results, IReadOnlyList<ExplainedReferral> referrals, TextWriter output)
    {
        var table = results.Table;
        if (results.Families.FirstOrDefault(f => f.Family.Name == ModelFamilies.MlpName) is not { Folds: [var first, ..] } mlp) return;
        var ml = new MLContext(seed: 1);
        var predictions = OutOfFoldPredictions.Of(mlp, table);
        var firstTraining = Enumerable.Range(0, table.Rows).Except(first.TestRows).ToArray();
        var card = ModelCard.FromMlp(
                $"{table.Name}: MLP, out-of-fold predictions of {predictions.Repeats} × {results.Settings.Folds}-fold cross-validation",
                first.Model, table.ToDataView(ml, firstTraining), "Label", table.PositiveClass, table.NegativeClass) with
        {
            IntendedUse = $"Research demonstration: how well an MLP separates {table.PositiveClass} from {table.NegativeClass} cases on these " +
                "image measurements, at an operating point chosen for high sensitivity. Not a medical device; not for diagnosis.",
            Limitations = $"{table.Rows:N0} cases from one published data set; not validated on other sites, scanners or populations. " +
                $"Every metric and chart below pools the {predictions.Folds} test folds: each case appears once per repeat, scored by the fold " +
                "model that did not see it. The model card's details (pipeline, options, training curve, rows) are those of the first fold's " +
                "model; every fold trained its own model the same way.",
            EvaluationNotes = [.. Notes(results, mlp, predictions, ml, firstTraining.Length)],
        };
        var report = EvaluationReport.ForBinary(ml, predictions.ToDataView(ml), "Label", card, new ReportOptions
        {
            PositiveClassName = table.PositiveClass,
            NegativeClassName = table.NegativeClass,
            DecisionRule = predictions.DecisionRule(table, results.Settings.TargetSensitivity),
            ExplainedCases = referrals.Select(referral => Referred(referral, table)).ToArray(),
        });
        string stem = string.Join('-', new string(table.Name.TakeWhile(c => c != '(').Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));
        string html = Path.Combine(ReportFolder, stem + ".html");
        report.WriteHtml(html);
        string markdown = report.WriteMarkdown(Path.Combine(ReportFolder, stem + "-md"));
        output.WriteLine($"Report for {table.Name}: {Path.GetFullPath(html)} (Markdown: {Path.GetFullPath(markdown)})");
    }

    /// <summary>A referred case in the report: the measurements that raised the probability of the positive class, and a chart of all of them.</summary>
    private static ExplainedCase Referred(ExplainedReferral referral, LabeledTable table) => new(
        string.Create(CultureInfo.InvariantCulture, $"Referred case {referral.Case.Row} (truth: {(referral.Case.Label ? table.PositiveClass : table.NegativeClass)})"),
        string.Create(CultureInfo.InvariantCulture,
            $"Referred to a clinician: Monte-Carlo dropout gave P({table.PositiveClass}) = {referral.Case.ProbabilityMean:F2} ± {referral.Case.ProbabilityStdDev:F2} (entropy {referral.Case.Entropy:F2}). ") +
            $"Reasons: the measurements that raised the fold model's log-odds of {table.PositiveClass} the most; the chart also shows those that lowered it.",
        referral.TowardsPositive)
    {
        Plot = ExplanationPlots.Contributions(string.Create(CultureInfo.InvariantCulture, $"referred-case-{referral.Case.Row}"),
            string.Create(CultureInfo.InvariantCulture, $"Referred case {referral.Case.Row}: what moved the probability"),
            referral.Contributions, $"the log-odds of {table.PositiveClass}"),
    };

    private static IEnumerable<NamedValue> Notes(TableResults results, FamilyResult mlp, OutOfFoldPredictions predictions, MLContext ml, int firstTrainingRows)
    {
        static string Percent((double Mean, double StandardDeviation) value) => string.Create(CultureInfo.InvariantCulture, $"{100 * value.Mean:F1}% ± {100 * value.StandardDeviation:F1}");
        var folds = mlp.Folds.Select(f => f.Metrics).ToArray();
        yield return new NamedValue("Predictions evaluated in this report",
            string.Create(CultureInfo.InvariantCulture, $"{predictions.Rows.Count:N0}: {results.Table.Rows:N0} cases × {predictions.Repeats} repeats of {results.Settings.Folds}-fold cross-validation, all out of fold"));
        yield return new NamedValue("Console headline (mean ± sd over the test folds)",
            $"sensitivity {Percent(ResultsTable.MeanAndStandardDeviation(folds.Select(m => m.Sensitivity)))}, specificity {Percent(ResultsTable.MeanAndStandardDeviation(folds.Select(m => m.Specificity)))}, " +
            $"accuracy at 0.5 {Percent(ResultsTable.MeanAndStandardDeviation(folds.Select(m => m.Accuracy)))}, AUC {ResultsTable.MeanAndStandardDeviation(folds.Select(m => m.Auc)).Mean.ToString("F3", CultureInfo.InvariantCulture)}");
        yield return new NamedValue("The same decisions, pooled (this report's confusion matrix)", predictions.Summary(ml));
        yield return new NamedValue("Model card describes",
            string.Create(CultureInfo.InvariantCulture, $"the first fold's model, trained on {firstTrainingRows:N0} cases; settings chosen by each fold's inner CV: ") +
            string.Join("; ", mlp.Folds.GroupBy(f => f.ChosenSettings).Select(g => $"{g.Key} ({g.Count()} folds)")));
    }
}
