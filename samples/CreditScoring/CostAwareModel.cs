using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Samples;

namespace CreditScoring;

/// <summary>
/// A candidate fitted the cost-aware way on one set of training rows: inner k-fold cross-validation gives
/// out-of-fold scores; on those (never on test rows) the calibration is chosen and fitted and the decision
/// threshold that minimises the expected cost is found; then the model is refitted on all the training rows
/// and the calibrator appended.
/// </summary>
public sealed class CostAwareModel
{
    private CostAwareModel(ITransformer uncalibrated, ProbabilityCalibration calibration, double threshold, IReadOnlyList<ScoredRow> outOfFold)
    {
        Uncalibrated = uncalibrated;
        Calibration = calibration;
        Threshold = threshold;
        OutOfFold = outOfFold;
        Model = calibration.Calibrator is { } calibrator ? new TransformerChain<ITransformer>(uncalibrated, calibrator) : uncalibrated;
    }

    /// <summary>Feature pipeline and trainer, fitted on all training rows.</summary>
    public ITransformer Uncalibrated { get; }

    /// <summary><see cref="Uncalibrated"/> followed by the chosen calibrator (if any): the model to deploy.</summary>
    public ITransformer Model { get; }

    /// <summary>The calibration chosen on the out-of-fold rows.</summary>
    public ProbabilityCalibration Calibration { get; }

    /// <summary>Predict bad when the (calibrated) probability is at least this.</summary>
    public double Threshold { get; }

    /// <summary>The inner out-of-fold rows, calibrated, on which the threshold was chosen.</summary>
    public IReadOnlyList<ScoredRow> OutOfFold { get; }

    /// <summary>Expected cost per applicant on the inner out-of-fold rows at <see cref="Threshold"/>.</summary>
    public double OutOfFoldCost => DecisionCost.PerApplicant(OutOfFold.Select(r => r.Label).ToArray(), OutOfFold.Select(r => r.Probability).ToArray(), Threshold);

    /// <summary>Fits <paramref name="candidate"/> on <paramref name="rows"/> as described on the class.</summary>
    /// <param name="ml">The ML.NET context.</param>
    /// <param name="candidate">The model to fit.</param>
    /// <param name="rows">The training rows.</param>
    /// <param name="innerFolds">Folds of the inner cross-validation.</param>
    /// <param name="seed">Seed of the inner fold assignment and the calibration halves.</param>
    /// <param name="finalCandidate">The same model for the final fit on all rows, e.g. with a progress callback; default <paramref name="candidate"/>.</param>
    public static CostAwareModel Fit(MLContext ml, ModelCandidate candidate, IReadOnlyList<LabeledApplication> rows, int innerFolds, int seed,
        ModelCandidate? finalCandidate = null)
    {
        var labels = rows.Select(row => row.Label).ToArray();
        var outOfFold = new List<ScoredRow>(rows.Count);
        foreach (var (train, validation) in StratifiedFolds.Split(rows, labels, innerFolds, seed))
            outOfFold.AddRange(Score(ml, candidate.Fit(ml, train), validation));

        var calibration = ProbabilityCalibration.Choose(ml, outOfFold, seed);
        var calibrated = calibration.Apply(ml, outOfFold);
        var threshold = DecisionCost.ChooseThreshold(calibrated.Select(r => r.Label).ToArray(), calibrated.Select(r => r.Probability).ToArray());
        return new CostAwareModel((finalCandidate ?? candidate).Fit(ml, rows), calibration, threshold, calibrated);
    }

    /// <summary>Scores <paramref name="rows"/> with <paramref name="model"/>: label, score, probability, model's own predicted label.</summary>
    public static List<ScoredRow> Score(MLContext ml, ITransformer model, IReadOnlyList<LabeledApplication> rows) =>
        ml.Data.CreateEnumerable<ScoredRow>(model.Transform(ml.Data.LoadFromEnumerable(rows)), reuseRowObject: false).ToList();

    /// <summary>Scores <paramref name="rows"/> with the deployed model and sets PredictedLabel to probability ≥ <see cref="Threshold"/>.</summary>
    public List<ScoredRow> Decide(MLContext ml, IReadOnlyList<LabeledApplication> rows)
    {
        var scored = Score(ml, Model, rows);
        foreach (var row in scored) row.PredictedLabel = row.Probability >= Threshold;
        return scored;
    }
}
