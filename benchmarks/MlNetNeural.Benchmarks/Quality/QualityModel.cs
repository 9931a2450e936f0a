using Microsoft.ML;
using MlNetNeural.Tabular;

namespace MlNetNeural.Benchmarks.Quality;

/// <summary>A trainer compared with default options, per task.</summary>
/// <param name="Name">Short name used by <c>--models</c>.</param>
/// <param name="Display">How tables show it.</param>
/// <param name="Create">The trainer for a task, every option at its default ("Label" and "Features" columns).</param>
public sealed record QualityModel(string Name, string Display, Func<MLContext, TabularTask, IEstimator<ITransformer>> Create)
{
    /// <summary>Our Mlp, LightGbm, FastTree (one-versus-all for multiclass: ML.NET has no multiclass FastTree) and a linear trainer
    /// (LbfgsLogisticRegression, LbfgsMaximumEntropy, Sdca), all with default options.</summary>
    public static IReadOnlyList<QualityModel> All { get; } =
    [
        Mlp(MlpOptionOverrides.None),
        new("lightgbm", "LightGbm", (ml, task) => task switch
        {
            TabularTask.BinaryClassification => ml.BinaryClassification.Trainers.LightGbm(),
            TabularTask.MulticlassClassification => ml.MulticlassClassification.Trainers.LightGbm(),
            _ => ml.Regression.Trainers.LightGbm(),
        }),
        new("fasttree", "FastTree", (ml, task) => task switch
        {
            TabularTask.BinaryClassification => ml.BinaryClassification.Trainers.FastTree(),
            TabularTask.MulticlassClassification => ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastTree()),
            _ => ml.Regression.Trainers.FastTree(),
        }),
        new("linear", "Linear", (ml, task) => task switch
        {
            TabularTask.BinaryClassification => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(),
            TabularTask.MulticlassClassification => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(),
            _ => ml.Regression.Trainers.Sdca(),
        }),
    ];

    /// <summary>Our Mlp with the given option overrides (none: the defaults).</summary>
    /// <param name="overrides">Options set by name.</param>
    public static QualityModel Mlp(MlpOptionOverrides overrides) => new("mlp", overrides.Text.Length == 0 ? "Mlp" : $"Mlp ({overrides.Text})", (ml, task) => task switch
    {
        TabularTask.BinaryClassification => ml.BinaryClassification.Trainers.Mlp(overrides.ApplyTo(new Trainers.MlpBinaryTrainer.Options())),
        TabularTask.MulticlassClassification => ml.MulticlassClassification.Trainers.Mlp(overrides.ApplyTo(new Trainers.MlpMulticlassTrainer.Options())),
        _ => ml.Regression.Trainers.Mlp(overrides.ApplyTo(new Trainers.MlpRegressionTrainer.Options())),
    });

    /// <summary>The metric of a task: AUC, macro accuracy or RMSE.</summary>
    /// <param name="task">The task.</param>
    public static string MetricName(TabularTask task) => task switch
    {
        TabularTask.BinaryClassification => "AUC",
        TabularTask.MulticlassClassification => "macro accuracy",
        _ => "RMSE",
    };

    /// <summary>Scores <paramref name="scored"/> (test rows through the fitted pipeline) with the task's metric and, for classification, ML.NET's log-loss (NaN for regression).</summary>
    /// <param name="ml">The context.</param>
    /// <param name="task">The task.</param>
    /// <param name="scored">Transformed test rows with "Label" and the trainer's score columns.</param>
    public static (double Metric, double LogLoss) Evaluate(MLContext ml, TabularTask task, IDataView scored)
    {
        switch (task)
        {
            case TabularTask.BinaryClassification:
                var binary = ml.BinaryClassification.Evaluate(scored);
                return (binary.AreaUnderRocCurve, binary.LogLoss);
            case TabularTask.MulticlassClassification:
                var multiclass = ml.MulticlassClassification.Evaluate(scored);
                return (multiclass.MacroAccuracy, multiclass.LogLoss);
            default:
                return (ml.Regression.Evaluate(scored).RootMeanSquaredError, double.NaN);
        }
    }
}
