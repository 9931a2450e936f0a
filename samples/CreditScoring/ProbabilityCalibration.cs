using System.Globalization;
using Microsoft.ML;
using MlNetNeural.Samples;

namespace CreditScoring;

/// <summary>How a model's probabilities are post-processed.</summary>
public enum CalibrationKind
{
    /// <summary>The model's own probability.</summary>
    None,
    /// <summary>Platt scaling: a logistic fit of the label on the score (ML.NET's PlattCalibratorEstimator).</summary>
    Platt,
    /// <summary>Isotonic regression of the label on the score (ML.NET's IsotonicCalibratorEstimator).</summary>
    Isotonic,
}

/// <summary>
/// The calibration chosen for one model: the kind with the lowest log-loss on held-out rows, and the ML.NET
/// calibrator fitted for it (null for <see cref="CalibrationKind.None"/>).
/// </summary>
/// <param name="Kind">The chosen kind.</param>
/// <param name="LogLoss">Cross-fitted log-loss (ML.NET's, in bits) of each kind on the out-of-fold rows.</param>
/// <param name="Calibrator">Transformer mapping Score to a new Probability column, or null.</param>
public sealed record ProbabilityCalibration(CalibrationKind Kind, IReadOnlyDictionary<CalibrationKind, double> LogLoss, ITransformer? Calibrator)
{
    /// <summary>
    /// Compares no calibration, Platt and isotonic on out-of-fold scored rows (never the test rows): each
    /// calibrator is fitted on one half of the rows and evaluated on the other, both ways round, and the
    /// kind with the lowest log-loss is fitted on all rows.
    /// </summary>
    public static ProbabilityCalibration Choose(MLContext ml, IReadOnlyList<ScoredRow> outOfFold, int seed)
    {
        var labels = outOfFold.Select(row => row.Label).ToArray();
        var logLoss = new Dictionary<CalibrationKind, double> { [CalibrationKind.None] = LogLossOf(ml, outOfFold) };
        foreach (var kind in new[] { CalibrationKind.Platt, CalibrationKind.Isotonic })
        {
            var crossFitted = new List<ScoredRow>();
            foreach (var (fit, evaluate) in StratifiedFolds.Split(outOfFold, labels, 2, seed))
                crossFitted.AddRange(Apply(ml, Fit(ml, kind, fit), evaluate));
            logLoss[kind] = LogLossOf(ml, crossFitted);
        }
        var best = logLoss.MinBy(pair => pair.Value).Key;
        return new ProbabilityCalibration(best, logLoss, best == CalibrationKind.None ? null : Fit(ml, best, outOfFold));
    }

    /// <summary>The rows with <see cref="ScoredRow.Probability"/> replaced by the calibrated probability (unchanged without a calibrator).</summary>
    public IReadOnlyList<ScoredRow> Apply(MLContext ml, IReadOnlyList<ScoredRow> rows) => Apply(ml, Calibrator, rows);

    /// <summary>
    /// A one-line summary, e.g. "Platt (cross-fitted log-loss in bits: none 0.789, Platt 0.725, isotonic ∞)". Isotonic
    /// shows ∞ when it gave a held-out row probability 0 or 1 of the wrong class.
    /// </summary>
    public string Describe() =>
        $"{Kind} (cross-fitted log-loss in bits: none {Format(LogLoss[CalibrationKind.None])}, Platt {Format(LogLoss[CalibrationKind.Platt])}, isotonic {Format(LogLoss[CalibrationKind.Isotonic])})";

    private static string Format(double logLoss) => double.IsPositiveInfinity(logLoss) ? "∞" : logLoss.ToString("F3", CultureInfo.InvariantCulture);

    private static ITransformer Fit(MLContext ml, CalibrationKind kind, IReadOnlyList<ScoredRow> rows)
    {
        var data = ml.Data.LoadFromEnumerable(rows);
        return kind switch
        {
            CalibrationKind.Platt => ml.BinaryClassification.Calibrators.Platt().Fit(data),
            CalibrationKind.Isotonic => ml.BinaryClassification.Calibrators.Isotonic().Fit(data),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only Platt and isotonic calibration are fitted."),
        };
    }

    private static IReadOnlyList<ScoredRow> Apply(MLContext ml, ITransformer? calibrator, IReadOnlyList<ScoredRow> rows) => calibrator is null
        ? rows
        : ml.Data.CreateEnumerable<ScoredRow>(calibrator.Transform(ml.Data.LoadFromEnumerable(rows)), reuseRowObject: false).ToList();

    private static double LogLossOf(MLContext ml, IReadOnlyList<ScoredRow> rows) =>
        ml.BinaryClassification.Evaluate(ml.Data.LoadFromEnumerable(rows)).LogLoss;
}
