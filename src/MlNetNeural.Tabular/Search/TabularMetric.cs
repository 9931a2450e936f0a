using Microsoft.ML;

namespace MlNetNeural.Tabular;

/// <summary>
/// The one metric by which a task's models are compared and chosen: AUC for binary classification, macro accuracy
/// (the mean of the per-class recalls, so every class counts alike whatever its size) for multiclass, RMSE for
/// regression. Each value is computed by ML.NET's evaluator.
/// </summary>
public sealed class TabularMetric
{
    private readonly Func<MLContext, IDataView, string, double> _evaluate;

    private TabularMetric(string name, string displayName, bool higherIsBetter, Func<MLContext, IDataView, string, double> evaluate)
    {
        Name = name;
        DisplayName = displayName;
        HigherIsBetter = higherIsBetter;
        _evaluate = evaluate;
    }

    /// <summary>Area under the ROC curve (binary classification); higher is better.</summary>
    public static TabularMetric Auc { get; } = new("AUC", "AUC", true,
        (ml, scored, label) => ml.BinaryClassification.Evaluate(scored, label).AreaUnderRocCurve);

    /// <summary>Macro accuracy (multiclass classification): the mean of the per-class recalls; higher is better.</summary>
    public static TabularMetric MacroAccuracy { get; } = new("MacroAccuracy", "macro accuracy", true,
        (ml, scored, label) => ml.MulticlassClassification.Evaluate(scored, label).MacroAccuracy);

    /// <summary>Root mean squared error (regression), in the label's unit; lower is better.</summary>
    public static TabularMetric Rmse { get; } = new("RMSE", "RMSE", false,
        (ml, scored, label) => ml.Regression.Evaluate(scored, label).RootMeanSquaredError);

    /// <summary>The metric of <paramref name="task"/>.</summary>
    /// <param name="task">The task.</param>
    public static TabularMetric For(TabularTask task) => task switch
    {
        TabularTask.BinaryClassification => Auc,
        TabularTask.MulticlassClassification => MacroAccuracy,
        _ => Rmse,
    };

    /// <summary>A short name for files and JSON: <c>AUC</c>, <c>MacroAccuracy</c> or <c>RMSE</c>.</summary>
    public string Name { get; }

    /// <summary>How the metric is named in sentences.</summary>
    public string DisplayName { get; }

    /// <summary>Whether a larger value is a better model.</summary>
    public bool HigherIsBetter { get; }

    /// <summary>Evaluates scored rows with ML.NET's evaluator for the task.</summary>
    /// <param name="ml">The ML.NET context.</param>
    /// <param name="scored">Rows with the converted label and the trainer's output columns.</param>
    /// <param name="labelColumnName">The converted label column (default <c>Label</c>).</param>
    public double Evaluate(MLContext ml, IDataView scored, string labelColumnName = "Label") => _evaluate(ml, scored, labelColumnName);

    /// <summary>Whether <paramref name="candidate"/> is strictly better than <paramref name="incumbent"/> (NaN is never better).</summary>
    /// <param name="candidate">A value of this metric.</param>
    /// <param name="incumbent">Another value, possibly NaN.</param>
    public bool IsBetter(double candidate, double incumbent) =>
        !double.IsNaN(candidate) && (double.IsNaN(incumbent) || (HigherIsBetter ? candidate > incumbent : candidate < incumbent));

    /// <summary>How much better <paramref name="value"/> is than <paramref name="reference"/>: the difference for AUC and macro accuracy, the relative reduction (reference − value) / reference for RMSE; positive means better.</summary>
    /// <param name="value">The model's value.</param>
    /// <param name="reference">The reference model's value.</param>
    public double Gain(double value, double reference) => HigherIsBetter ? value - reference : (reference - value) / reference;

    /// <inheritdoc />
    public override string ToString() => Name;
}
