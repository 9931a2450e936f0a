using System.Globalization;
using Microsoft.ML;
using MlNetNeural.Samples;

namespace CreditScoring;

/// <summary>
/// Nested cross-validation of one candidate: each outer fold's rows are scored by a <see cref="CostAwareModel"/>
/// fitted (with its own inner cross-validation for threshold and calibration) on the other folds only.
/// </summary>
public sealed class CandidateEvaluation
{
    private CandidateEvaluation(string name, IReadOnlyList<OuterFold> folds)
    {
        Name = name;
        Folds = folds;
        Raw = folds.SelectMany(f => f.Raw).ToArray();
        Decided = folds.SelectMany(f => f.Decided).ToArray();
    }

    /// <summary>The candidate's display name.</summary>
    public string Name { get; }

    /// <summary>Each outer fold: its model, test rows and their scores.</summary>
    public IReadOnlyList<OuterFold> Folds { get; }

    /// <summary>All outer test rows scored by the uncalibrated fold models (the model's own probability and PredictedLabel).</summary>
    public IReadOnlyList<ScoredRow> Raw { get; }

    /// <summary>All outer test rows scored by the deployed fold models: calibrated probability, PredictedLabel = probability ≥ fold threshold.</summary>
    public IReadOnlyList<ScoredRow> Decided { get; }

    /// <summary>AUC of each outer fold (on the raw score).</summary>
    public IReadOnlyList<double> FoldAuc => Folds.Select(f => f.Auc).ToArray();

    /// <summary>Mean of <see cref="FoldAuc"/>.</summary>
    public double MeanAuc => FoldAuc.Average();

    /// <summary>Sample standard deviation of <see cref="FoldAuc"/>.</summary>
    public double AucStandardDeviation => Statistics.StandardDeviation(FoldAuc);

    /// <summary>Cost per applicant over all outer test rows when predicting bad at the deployed probability ≥ 0.5.</summary>
    public double CostAtHalf => DecisionCost.PerApplicant(Labels(Decided), Decided.Select(r => r.Probability).ToArray(), 0.5);

    /// <summary>Cost per applicant over all outer test rows at each fold's chosen threshold.</summary>
    public double CostAtChosenThreshold => DecisionCost.OfDecisions(Labels(Decided), Decisions(Decided));

    /// <summary>Sample standard deviation over the outer folds of the cost at the chosen thresholds.</summary>
    public double CostAtChosenThresholdStandardDeviation => Statistics.StandardDeviation(Folds.Select(f =>
        DecisionCost.OfDecisions(Labels(f.Decided), Decisions(f.Decided))).ToArray());

    /// <summary>ML.NET log-loss (bits) of the uncalibrated and of the deployed probabilities over all outer test rows.</summary>
    public (double Uncalibrated, double Deployed) LogLoss(MLContext ml) =>
        (ml.BinaryClassification.Evaluate(ml.Data.LoadFromEnumerable(Raw)).LogLoss, ml.BinaryClassification.Evaluate(ml.Data.LoadFromEnumerable(Decided)).LogLoss);

    /// <summary>Runs the nested cross-validation, reporting each outer fold to <paramref name="log"/>.</summary>
    public static CandidateEvaluation Run(MLContext ml, ModelCandidate candidate, IReadOnlyList<LabeledApplication> rows, StudySettings settings, Action<string> log)
    {
        var folds = new List<OuterFold>();
        int index = 0;
        foreach (var (train, test) in StratifiedFolds.Split(rows, rows.Select(r => r.Label).ToArray(), settings.OuterFolds, settings.Seed))
        {
            index++;
            var model = CostAwareModel.Fit(ml, candidate, train, settings.InnerFolds, settings.Seed + index);
            var raw = CostAwareModel.Score(ml, model.Uncalibrated, test);
            var fold = new OuterFold(model, test, raw, model.Decide(ml, test), Metrics.Auc(ml, raw));
            folds.Add(fold);
            log(string.Create(CultureInfo.InvariantCulture,
                $"{candidate.Name}, outer fold {index}/{settings.OuterFolds}: AUC {fold.Auc:F3}, calibration {model.Calibration.Kind}, threshold {model.Threshold:F3}"));
        }
        return new CandidateEvaluation(candidate.Name, folds);
    }

    private static bool[] Labels(IReadOnlyList<ScoredRow> rows) => rows.Select(r => r.Label).ToArray();

    private static bool[] Decisions(IReadOnlyList<ScoredRow> rows) => rows.Select(r => r.PredictedLabel).ToArray();
}

/// <summary>One outer fold of the nested cross-validation.</summary>
/// <param name="Model">The cost-aware model fitted on the other folds.</param>
/// <param name="Test">This fold's rows (never seen while fitting <paramref name="Model"/>).</param>
/// <param name="Raw">Test rows scored by the uncalibrated model.</param>
/// <param name="Decided">Test rows scored by the deployed model with threshold decisions.</param>
/// <param name="Auc">AUC on the test rows.</param>
public sealed record OuterFold(CostAwareModel Model, IReadOnlyList<LabeledApplication> Test, IReadOnlyList<ScoredRow> Raw, IReadOnlyList<ScoredRow> Decided, double Auc);
