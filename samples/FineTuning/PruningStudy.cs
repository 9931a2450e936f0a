using System.Globalization;
using Microsoft.ML;
using MlNetNeural;
using MlNetNeural.Core.Layers;
using MlNetNeural.FineTuning;
using MlNetNeural.Models;
using MlNetNeural.Trainers;
using MlNetNeural.Transformers;

namespace FineTuning;

/// <summary>A model pruned to one target sparsity and fine-tuned.</summary>
/// <param name="TargetSparsity">The sparsity asked for.</param>
/// <param name="Sparsity">Pruned weights as a fraction of the dense model's (units removed count as pruned).</param>
/// <param name="Accuracy">Test micro-accuracy.</param>
/// <param name="FileBytes">Size of the saved model file.</param>
/// <param name="LayerSizes">Units per layer after dead units were removed.</param>
public sealed record PrunedModel(float TargetSparsity, double Sparsity, double Accuracy, long FileBytes, IReadOnlyList<int> LayerSizes);

/// <summary>The dense starting point of a pruning study and its pruned versions.</summary>
/// <param name="Name">What was pruned.</param>
/// <param name="DenseAccuracy">Test micro-accuracy of the dense model.</param>
/// <param name="DenseFileBytes">Size of the dense model's file.</param>
/// <param name="Pruned">One entry per target sparsity.</param>
public sealed record PruningResult(string Name, double DenseAccuracy, long DenseFileBytes, IReadOnlyList<PrunedModel> Pruned);

/// <summary>Magnitude pruning with fine-tuning (Zhu and Gupta's gradual schedule over the first half of the epochs) at several sparsities.</summary>
public static class PruningStudy
{
    /// <summary>Prunes <paramref name="dense"/> to each of <paramref name="sparsities"/>, fine-tuning on <paramref name="train"/> for <paramref name="epochs"/> epochs.</summary>
    public static PruningResult Run(string name, MLContext ml, MlpMulticlassPredictionTransformer dense, IDataView train, IDataView test,
        IReadOnlyList<float> sparsities, int epochs, string directory, Action<string> log)
    {
        long denseBytes = Save(ml, dense, train, Path.Combine(directory, $"{name}-dense.zip"));
        double denseAccuracy = Accuracy(ml, dense, test);
        long denseWeights = Weights(dense.Model.Network, nonZeroOnly: false);
        var pruned = new List<PrunedModel>();
        foreach (float sparsity in sparsities)
        {
            var options = new MlpMulticlassTrainer.Options
            {
                MaxEpochs = epochs, Seed = 1, ValidationFraction = 0f, Pruning = new MlpPruningOptions { TargetSparsity = sparsity },
            };
            var model = ml.MulticlassClassification.Trainers.Mlp(options).Fit(train, dense.Model);
            string label = string.Create(CultureInfo.InvariantCulture, $"{name}-sparsity-{100 * sparsity:0}");
            var result = new PrunedModel(sparsity, 1 - (double)Weights(model.Model.Network, nonZeroOnly: true) / denseWeights, Accuracy(ml, model, test),
                Save(ml, model, train, Path.Combine(directory, label + ".zip")), model.Model.LayerSizes);
            pruned.Add(result);
            log(string.Create(CultureInfo.InvariantCulture,
                $"  {name} at {result.Sparsity:0.0%} sparsity: test accuracy {result.Accuracy:0.00%} (dense {denseAccuracy:0.00%}), file {result.FileBytes:N0} bytes ({(double)result.FileBytes / denseBytes:0.0%} of dense), layers {string.Join("-", result.LayerSizes)}"));
        }
        return new PruningResult(name, denseAccuracy, denseBytes, pruned);
    }

    /// <summary>Test micro-accuracy.</summary>
    public static double Accuracy(MLContext ml, ITransformer model, IDataView test) => ml.MulticlassClassification.Evaluate(model.Transform(test)).MicroAccuracy;

    private static long Save(MLContext ml, ITransformer model, IDataView data, string path)
    {
        ml.Model.SaveSafely(model, data.Schema, path);
        return new FileInfo(path).Length;
    }

    private static long Weights(Network network, bool nonZeroOnly) =>
        network.Layers.OfType<IFullyConnectedLayer>().Sum(layer => nonZeroOnly ? layer.NonZeroWeightCount : (long)layer.InputSize * layer.OutputSize);
}
