using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using MlNetNeural.Benchmarks.Configuration;
using MlNetNeural.Benchmarks.Data;
using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Schedules;
using MlNetNeural.Trainers;

namespace MlNetNeural.Benchmarks.Recipes;

/// <summary>
/// Three epochs of the previous Fashion-MNIST recipe's network (docs/trainers.md, <i>A recipe for images</i>: 784 pixels → robust
/// input scaling with the smooth clip at 1.5 → 256 → 256 → 10, dropout 0.2, batch 128, label smoothing 0.1) on the 60,000
/// training images through the ML.NET API, with ReLU (the baseline) and with GELU, so the price of GELU reads as a ratio.
/// With <see cref="OtherCheckout.Variable"/> set, the same against another checkout (before/after of a change to training).
/// </summary>
[Config(typeof(TabularFitConfig))]
public class ImageFitBenchmarks
{
    private MLContext _ml = null!;
    private IDataView _train = null!;

    /// <summary>Reads the images once into a cached view.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _ml = new MLContext(seed: 1);
        _train = _ml.Data.Cache(FashionRecipe.ToDataView(_ml, FashionMnist.Load().Train));
        _ = _train.Preview(1);
    }

    /// <summary>The recipe's network with ReLU.</summary>
    [Benchmark(Baseline = true)]
    public ITransformer Relu() => Fit(ActivationKind.ReLU);

    /// <summary>The recipe's network with GELU.</summary>
    [Benchmark]
    public ITransformer Gelu() => Fit(ActivationKind.Gelu);

    private ITransformer Fit(ActivationKind activation) => _ml.Transforms.Conversion.MapValueToKey("Label")
        .Append(_ml.MulticlassClassification.Trainers.Mlp(new MlpMulticlassTrainer.Options
        {
            HiddenLayers = [256, 256], Activation = activation, Dropout = 0.2f, BatchSize = 128, MaxEpochs = 3, LearningRate = 1e-3f,
            LearningRateSchedule = LearningRateScheduleKind.CosineWithWarmup, ValidationFraction = 0, LabelSmoothing = 0.1f, InputClipBound = 1.5f,
        }))
        .Fit(_train);
}
