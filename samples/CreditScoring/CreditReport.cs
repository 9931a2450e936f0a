using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Reports;
using MlNetNeural.Reports.Explanations;
using MlNetNeural.Transformers;
using MlNetNeural.Samples;

namespace CreditScoring;

/// <summary>The evaluation report of the study: the MLP's pooled outer-fold predictions plus a model card of the deployed MLP.</summary>
public static class CreditReport
{
    /// <summary>
    /// Builds the report over every row, each scored by an outer-fold model that never saw it, with the
    /// cost-aware decisions as PredictedLabel, the calibration curve before and after calibration, the attribute
    /// importance, the deployed MLP's first-layer weights, the declined example applicants with their reasons, and a model
    /// card of the deployed model with the comparison and costs as evaluation notes.
    /// </summary>
    public static EvaluationReport Build(MLContext ml, IReadOnlyList<LabeledApplication> rows, IReadOnlyList<CandidateEvaluation> evaluations,
        PermutationImportance importance, CostAwareModel deployed, IReadOnlyList<(string Description, ApplicantDecision Decision)> examples, StudySettings settings)
    {
        var mlp = evaluations[0];
        var card = ModelCard.FromMlp("Credit default risk: MLP on Statlog German Credit", deployed.Model, ml.Data.LoadFromEnumerable(rows),
            positiveClassName: "bad", negativeClassName: "good") with
        {
            IntendedUse = "Estimating the probability that a loan applicant defaults (\"bad\"), and flagging applicants whose " +
                "expected cost of acceptance exceeds that of rejection under the Statlog cost matrix (bad accepted = 5, good rejected = 1).",
            Limitations = "Trained on 1,000 German loans from the 1970s (Statlog); not validated on other populations or periods. " +
                "Attributes include sex/marital status and foreign-worker status, which many jurisdictions forbid as credit criteria. " +
                string.Create(CultureInfo.InvariantCulture, $"Metrics and charts below are out-of-fold: each of the {rows.Count:N0} rows was scored by a model fitted in ") +
                $"{settings.OuterFolds}-fold nested cross-validation without it. The model card describes the deployed model, refitted on all rows; " +
                "it has no held-out rows of its own, so the metrics are those of the procedure that produced it.",
            EvaluationNotes = [.. RowNotes(rows.Count, settings), .. Notes(ml, evaluations, deployed, settings)],
        };
        var kinds = mlp.Folds.Select(f => f.Model.Calibration.Kind).Distinct().ToArray();
        return EvaluationReport.ForBinary(ml, ml.Data.LoadFromEnumerable(DecisionScored(mlp)), "Label", card, new ReportOptions
        {
            PositiveClassName = "bad",
            NegativeClassName = "good",
            DecisionRule = DecisionRule(mlp),
            FeatureImportance = importance,
            TopFeatureCount = CreditData.Attributes.Count,
            CalibrationComparison = new CalibrationComparison("Before calibration", ml.Data.LoadFromEnumerable(mlp.Raw)),
            CalibrationSeriesName = CalibrationSeriesName(kinds),
            ExplainedCases = DeclinedExamples(examples),
            AdditionalPlots = [FirstLayerWeights(ml, deployed, rows)],
        });
    }

    private const string OutputName = "the MLP's log-odds of default (before calibration)";

    /// <summary>The declined example applicants with their principal reasons and a chart of every attribute's contribution.</summary>
    internal static IReadOnlyList<ExplainedCase> DeclinedExamples(IReadOnlyList<(string Description, ApplicantDecision Decision)> examples) =>
        examples.Select((example, index) => (example, index)).Where(e => e.example.Decision.PredictedBad).Select(e => new ExplainedCase(
            $"Example applicant {e.index + 1}: {e.example.Description}",
            string.Create(CultureInfo.InvariantCulture, $"Declined (treated as bad: reject or review): P(default) = {e.example.Decision.ProbabilityOfDefault:F3}, at or above the deployed threshold. ") +
            "Reasons: the attributes that raised the MLP's log-odds of default the most, compared with the average applicant (one-hot categories summed per attribute).",
            e.example.Decision.Reasons)
        {
            Plot = ExplanationPlots.Contributions($"applicant-{e.index + 1}-contributions", $"Applicant {e.index + 1}: why declined", e.example.Decision.Contributions, OutputName),
        }).ToArray();

    /// <summary>The deployed MLP's first-layer weights, one row per one-hot slot or numeric attribute.</summary>
    private static ReportPlot FirstLayerWeights(MLContext ml, CostAwareModel deployed, IReadOnlyList<LabeledApplication> rows)
    {
        var mlp = ((IEnumerable<ITransformer>)deployed.Uncalibrated).OfType<MlpBinaryPredictionTransformer>().Single();
        var features = deployed.Uncalibrated.GetOutputSchema(ml.Data.LoadFromEnumerable(rows.Take(1)).Schema)["Features"];
        VBuffer<ReadOnlyMemory<char>> names = default;
        features.Annotations.GetValue("SlotNames", ref names);
        return ExplanationPlots.FirstLayerWeights("first-layer-weights", mlp.Model, names.DenseValues().Select(name => name.ToString()).ToArray());
    }

    /// <summary>
    /// The outer test rows with Score = logit(probability) − logit(fold threshold) (<see cref="DecisionScores.At"/>): ML.NET's
    /// evaluator counts a row as predicted positive when its Score is above 0 (it does not read PredictedLabel), so this
    /// shift makes the report's confusion matrix, accuracy, precision and recall those of the cost-aware decisions. Within
    /// a fold the order of the rows (and so the fold's AUC) is unchanged; pooled over folds the scores are on one scale:
    /// calibrated log-odds relative to the decision boundary.
    /// </summary>
    internal static IReadOnlyList<ScoredRow> DecisionScored(CandidateEvaluation evaluation) =>
        evaluation.Folds.SelectMany(fold => fold.Decided.Select(row => new ScoredRow
        {
            Label = row.Label,
            Probability = row.Probability,
            PredictedLabel = row.PredictedLabel,
            Score = DecisionScores.At(row.Probability, fold.Model.Threshold),
        })).ToArray();

    /// <summary>E.g. "bad when P(bad) ≥ the outer fold's cost-minimising threshold (0.114 to 0.195)".</summary>
    internal static string DecisionRule(CandidateEvaluation mlp)
    {
        var thresholds = mlp.Folds.Select(f => f.Model.Threshold).ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"bad when P(bad) ≥ the outer fold's cost-minimising threshold ({thresholds.Min():F3} to {thresholds.Max():F3}, chosen on its training rows)");
    }

    /// <summary>What the rows in the report and on the model card are: the deployed model's 1,000 training rows, and out-of-fold predictions of the fold models.</summary>
    private static IEnumerable<NamedValue> RowNotes(int rowCount, StudySettings settings)
    {
        int foldTraining = rowCount - rowCount / settings.OuterFolds;
        yield return Note("Rows evaluated in this report", $"{rowCount:N0} out-of-fold predictions: each row scored by the one of {settings.OuterFolds} fold models (each trained on about {foldTraining:N0} rows) that did not see it");
        yield return Note("Rows the deployed model was trained on", $"{rowCount:N0} (all rows; no test rows are left for it, so its quality is estimated by the out-of-fold predictions above)");
    }

    private static string CalibrationSeriesName(IReadOnlyList<CalibrationKind> kinds) => kinds switch
    {
        [CalibrationKind.None] => "No calibration chosen",
        [var kind] => $"After {kind} calibration",
        _ => $"After calibration ({string.Join(" or ", kinds)}, chosen per fold)",
    };

    private static IEnumerable<NamedValue> Notes(MLContext ml, IReadOnlyList<CandidateEvaluation> evaluations, CostAwareModel deployed, StudySettings settings)
    {
        var mlp = evaluations[0];
        foreach (var evaluation in evaluations)
        {
            yield return Note($"{evaluation.Name}: AUC, {settings.OuterFolds}-fold CV (mean ± sd)", $"{evaluation.MeanAuc:F3} ± {evaluation.AucStandardDeviation:F3}");
            yield return Note($"{evaluation.Name}: cost per applicant at probability 0.5 / at chosen threshold",
                $"{evaluation.CostAtHalf:F3} / {evaluation.CostAtChosenThreshold:F3} (± {evaluation.CostAtChosenThresholdStandardDeviation:F3} over folds)");
        }
        var (uncalibrated, calibrated) = mlp.LogLoss(ml);
        yield return Note("MLP log-loss (bits) before / after calibration", $"{uncalibrated:F3} / {calibrated:F3}");
        yield return Note("MLP thresholds chosen per outer fold", $"{string.Join(", ", mlp.Folds.Select(f => f.Model.Threshold.ToString("F3", CultureInfo.InvariantCulture)))}");
        yield return Note("Deployed model: calibration", $"{deployed.Calibration.Describe()}");
        yield return Note("Deployed model: decision threshold (predict bad when P(bad) ≥)", $"{deployed.Threshold:F3}");
        yield return Note("Decisions in this report (confusion matrix, accuracy, precision, recall)",
            $"{DecisionsExplained}");
    }

    private const string DecisionsExplained =
        "Predict bad when the calibrated probability ≥ the threshold chosen on the training folds' out-of-fold predictions (not 0.5). " +
        "Score = log-odds of that probability minus log-odds of the threshold, so ML.NET's \"Score > 0\" rule gives these decisions.";

    private static NamedValue Note(string name, FormattableString value) => new(name, FormattableString.Invariant(value));
}
