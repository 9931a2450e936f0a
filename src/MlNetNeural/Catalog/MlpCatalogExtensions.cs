using Microsoft.ML;
using MlNetNeural.MlNet.Internals;
using MlNetNeural.Trainers;

namespace MlNetNeural;

/// <summary>
/// The MLP trainers on ML.NET's trainer catalogs: <c>mlContext.BinaryClassification.Trainers.Mlp(...)</c>,
/// <c>mlContext.MulticlassClassification.Trainers.Mlp(...)</c> and <c>mlContext.Regression.Trainers.Mlp(...)</c>.
/// The features need no normalizer first: the model scales them itself (<see cref="MlpTrainerOptions.InputScaling"/>).
/// </summary>
public static class MlpCatalogExtensions
{
    /// <summary>A multilayer-perceptron binary classifier with the default options except those given.</summary>
    /// <param name="catalog">The binary-classification trainer catalog.</param>
    /// <param name="labelColumnName">Label column (Boolean).</param>
    /// <param name="featureColumnName">Feature column (known-size vector of Single).</param>
    /// <param name="exampleWeightColumnName">Optional per-row weight column.</param>
    /// <param name="hiddenLayers">Units per hidden layer; null keeps the default (<see cref="MlpTrainerOptions.Defaults.HiddenLayers"/>).</param>
    /// <param name="maxEpochs">Most passes over the data (default <see cref="MlpTrainerOptions.Defaults.MaxEpochs"/>).</param>
    /// <param name="learningRate">The optimizer's learning rate (default <see cref="MlpTrainerOptions.Defaults.LearningRate"/>).</param>
    public static MlpBinaryTrainer Mlp(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", string? exampleWeightColumnName = null,
        int[]? hiddenLayers = null, int maxEpochs = MlpTrainerOptions.Defaults.MaxEpochs, float learningRate = MlpTrainerOptions.Defaults.LearningRate) =>
        catalog.Mlp(Simple(new MlpBinaryTrainer.Options(), labelColumnName, featureColumnName, exampleWeightColumnName, hiddenLayers, maxEpochs, learningRate));

    /// <summary>A multilayer-perceptron binary classifier with the given options.</summary>
    /// <param name="catalog">The binary-classification trainer catalog.</param>
    /// <param name="options">Every setting; see <see cref="MlpBinaryTrainer.Options"/>.</param>
    public static MlpBinaryTrainer Mlp(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog, MlpBinaryTrainer.Options options) =>
        new(CatalogEnvironment.Of(catalog), options);

    /// <summary>A multilayer-perceptron multiclass classifier with the default options except those given.</summary>
    /// <param name="catalog">The multiclass-classification trainer catalog.</param>
    /// <param name="labelColumnName">Label column (a key: use MapValueToKey).</param>
    /// <param name="featureColumnName">Feature column (known-size vector of Single).</param>
    /// <param name="exampleWeightColumnName">Optional per-row weight column.</param>
    /// <param name="hiddenLayers">Units per hidden layer; null keeps the default (<see cref="MlpTrainerOptions.Defaults.HiddenLayers"/>).</param>
    /// <param name="maxEpochs">Most passes over the data (default <see cref="MlpTrainerOptions.Defaults.MaxEpochs"/>).</param>
    /// <param name="learningRate">The optimizer's learning rate (default <see cref="MlpTrainerOptions.Defaults.LearningRate"/>).</param>
    public static MlpMulticlassTrainer Mlp(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", string? exampleWeightColumnName = null,
        int[]? hiddenLayers = null, int maxEpochs = MlpTrainerOptions.Defaults.MaxEpochs, float learningRate = MlpTrainerOptions.Defaults.LearningRate) =>
        catalog.Mlp(Simple(new MlpMulticlassTrainer.Options(), labelColumnName, featureColumnName, exampleWeightColumnName, hiddenLayers, maxEpochs, learningRate));

    /// <summary>A multilayer-perceptron multiclass classifier with the given options.</summary>
    /// <param name="catalog">The multiclass-classification trainer catalog.</param>
    /// <param name="options">Every setting; see <see cref="MlpMulticlassTrainer.Options"/>.</param>
    public static MlpMulticlassTrainer Mlp(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, MlpMulticlassTrainer.Options options) =>
        new(CatalogEnvironment.Of(catalog), options);

    /// <summary>A multilayer-perceptron regressor with the default options except those given.</summary>
    /// <param name="catalog">The regression trainer catalog.</param>
    /// <param name="labelColumnName">Label column (Single).</param>
    /// <param name="featureColumnName">Feature column (known-size vector of Single).</param>
    /// <param name="exampleWeightColumnName">Optional per-row weight column.</param>
    /// <param name="hiddenLayers">Units per hidden layer; null keeps the default (<see cref="MlpTrainerOptions.Defaults.HiddenLayers"/>).</param>
    /// <param name="maxEpochs">Most passes over the data (default <see cref="MlpTrainerOptions.Defaults.MaxEpochs"/>).</param>
    /// <param name="learningRate">The optimizer's learning rate (default <see cref="MlpTrainerOptions.Defaults.LearningRate"/>).</param>
    public static MlpRegressionTrainer Mlp(this RegressionCatalog.RegressionTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", string? exampleWeightColumnName = null,
        int[]? hiddenLayers = null, int maxEpochs = MlpTrainerOptions.Defaults.MaxEpochs, float learningRate = MlpTrainerOptions.Defaults.LearningRate) =>
        catalog.Mlp(Simple(new MlpRegressionTrainer.Options(), labelColumnName, featureColumnName, exampleWeightColumnName, hiddenLayers, maxEpochs, learningRate));

    /// <summary>A multilayer-perceptron regressor with the given options.</summary>
    /// <param name="catalog">The regression trainer catalog.</param>
    /// <param name="options">Every setting; see <see cref="MlpRegressionTrainer.Options"/>.</param>
    public static MlpRegressionTrainer Mlp(this RegressionCatalog.RegressionTrainers catalog, MlpRegressionTrainer.Options options) =>
        new(CatalogEnvironment.Of(catalog), options);

    private static TOptions Simple<TOptions>(TOptions options, string label, string features, string? weight, int[]? hiddenLayers, int maxEpochs, float learningRate)
        where TOptions : MlpTrainerOptions
    {
        options.LabelColumnName = label;
        options.FeatureColumnName = features;
        options.ExampleWeightColumnName = weight;
        if (hiddenLayers is not null) options.HiddenLayers = hiddenLayers;
        options.MaxEpochs = maxEpochs;
        options.LearningRate = learningRate;
        return options;
    }
}
