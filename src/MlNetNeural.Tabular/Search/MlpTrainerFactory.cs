using Microsoft.ML;
using MlNetNeural.Trainers;

namespace MlNetNeural.Tabular;

/// <summary>The Mlp trainer of a task, from fresh default options with a candidate, an epoch budget and a seed applied.</summary>
internal static class MlpTrainerFactory
{
    /// <summary>Fresh options of the task's trainer: every value at its default.</summary>
    public static MlpTrainerOptions NewOptions(TabularTask task) => task switch
    {
        TabularTask.BinaryClassification => new MlpBinaryTrainer.Options(),
        TabularTask.MulticlassClassification => new MlpMulticlassTrainer.Options(),
        _ => new MlpRegressionTrainer.Options(),
    };

    /// <summary>The epochs the defaults train for: the search's largest budget.</summary>
    public static int DefaultEpochs(TabularTask task) => NewOptions(task).MaxEpochs;

    /// <summary>The trainer, reading "Label" and "Features".</summary>
    /// <param name="ml">The context.</param>
    /// <param name="task">The task.</param>
    /// <param name="configure">Sets the candidate, epochs, seed, progress and cancellation on the fresh options.</param>
    public static IEstimator<ITransformer> Create(MLContext ml, TabularTask task, Action<MlpTrainerOptions> configure)
    {
        var options = NewOptions(task);
        configure(options);
        return options switch
        {
            MlpBinaryTrainer.Options binary => ml.BinaryClassification.Trainers.Mlp(binary),
            MlpMulticlassTrainer.Options multiclass => ml.MulticlassClassification.Trainers.Mlp(multiclass),
            _ => ml.Regression.Trainers.Mlp((MlpRegressionTrainer.Options)options),
        };
    }
}
