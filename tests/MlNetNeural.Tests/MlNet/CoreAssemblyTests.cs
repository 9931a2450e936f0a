using MlNetNeural.Core.Layers;
using MlNetNeural.Trainers;

namespace MlNetNeural.Tests.MlNet;

/// <summary>The numeric core is its own assembly without ML.NET, and code built against 0.1.0 (core inside MlNetNeural.dll) still finds its types.</summary>
public sealed class CoreAssemblyTests
{
    /// <summary>Every public core type of MlNetNeural 0.1.0, by full name.</summary>
    private static readonly string[] PublicCoreTypesOfVersion010 =
    [
        "MlNetNeural.Core.Activations.Activation", "MlNetNeural.Core.Activations.ActivationKind",
        "MlNetNeural.Core.Optimizers.AdamOptimizer", "MlNetNeural.Core.Schedules.ConstantSchedule",
        "MlNetNeural.Core.Schedules.CosineWarmupSchedule", "MlNetNeural.Core.Layers.DenseLayer",
        "MlNetNeural.Core.Randomness.DeterministicRandom", "MlNetNeural.Core.Layers.DropoutLayer",
        "MlNetNeural.Core.Training.EpochReport", "MlNetNeural.Core.Layers.ForwardMode",
        "MlNetNeural.Core.Kernels.Gemm", "MlNetNeural.Core.Optimizers.GradientAdjustments",
        "MlNetNeural.Core.Losses.HuberLoss", "MlNetNeural.Core.Losses.ILoss",
        "MlNetNeural.Core.Optimizers.IOptimizer", "MlNetNeural.Core.Serialization.InvalidNetworkFileException",
        "MlNetNeural.Core.Layers.Layer", "MlNetNeural.Core.Layers.LayerBuffers",
        "MlNetNeural.Core.Schedules.LearningRateSchedule", "MlNetNeural.Core.Losses.MeanSquaredErrorLoss",
        "MlNetNeural.Core.Layers.Network", "MlNetNeural.Core.Layers.NetworkArchitecture",
        "MlNetNeural.Core.Serialization.NetworkSerializer", "MlNetNeural.Core.Training.NetworkTrainer",
        "MlNetNeural.Core.Layers.NetworkWorkspace", "MlNetNeural.Core.Optimizers.OptimizerKind",
        "MlNetNeural.Core.Optimizers.OptimizerSettings", "MlNetNeural.Core.Layers.Parameter",
        "MlNetNeural.Core.Schedules.ReduceOnPlateauSchedule", "MlNetNeural.Core.Losses.RegressionLoss",
        "MlNetNeural.Core.Schedules.ScheduleContext", "MlNetNeural.Core.Optimizers.SgdOptimizer",
        "MlNetNeural.Core.Losses.SigmoidBinaryCrossEntropyLoss", "MlNetNeural.Core.Activations.Softmax",
        "MlNetNeural.Core.Losses.SoftmaxCrossEntropyLoss", "MlNetNeural.Core.Schedules.StepDecaySchedule",
        "MlNetNeural.Core.Training.StopReason", "MlNetNeural.Core.Training.TrainerSettings",
        "MlNetNeural.Core.Training.TrainingData", "MlNetNeural.Core.Training.TrainingDivergedException",
        "MlNetNeural.Core.Training.TrainingHistory", "MlNetNeural.Core.Training.TrainingResult",
        "MlNetNeural.Core.Initialization.WeightInitialization", "MlNetNeural.Core.Initialization.WeightInitializer"
    ];

    [Fact]
    public void TheCoreAssemblyReferencesNoMlNetAssembly()
    {
        var references = typeof(Network).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.ML", StringComparison.Ordinal));
        Assert.Equal("MlNetNeural.Core", typeof(Network).Assembly.GetName().Name);
    }

    [Fact]
    public void CodeBuiltAgainstVersion010FindsEveryCoreTypeThroughMlNetNeuralDll()
    {
        foreach (string name in PublicCoreTypesOfVersion010)
        {
            var type = Type.GetType($"{name}, {typeof(MlpBinaryTrainer).Assembly.GetName().Name}", throwOnError: false);
            Assert.True(type is not null, $"{name} is no longer reachable through MlNetNeural.dll.");
            Assert.Equal(typeof(Network).Assembly, type!.Assembly);
        }
    }
}
