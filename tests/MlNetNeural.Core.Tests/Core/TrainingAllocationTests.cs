using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Pruning;
using MlNetNeural.Core.Training;
using MlNetNeural.Tests.Measuring;

namespace MlNetNeural.Tests.Core;

/// <summary>A training step allocates nothing: more epochs cost no more memory than a few bytes per epoch for the history.</summary>
public class TrainingAllocationTests
{
    [Fact]
    public void ExtraEpochsAllocateAlmostNothingPerMiniBatch()
    {
        var data = ToyData.Circles(3200, 1); // 200 mini-batches of 16 per epoch
        void Train(int epochs)
        {
            var settings = new TrainerSettings { MaxEpochs = epochs, BatchSize = 16, ValidationFraction = 0.2f, EarlyStoppingPatience = 0, Threads = 1, Seed = 1 };
            var architecture = new NetworkArchitecture(2, [32, 32], Activation.ReLU, 0.2f, 1);
            new NetworkTrainer(settings).Train(architecture, new SigmoidBinaryCrossEntropyLoss(), data);
        }
        Train(1); // warm-up: JIT and static state
        long extra = ThreadAllocations.Least(() => Train(6)) - ThreadAllocations.Least(() => Train(2));
        const int ExtraSteps = 4 * 160;
        Assert.True(extra < ExtraSteps * 8, $"4 extra epochs ({ExtraSteps} mini-batches) allocated {extra} bytes");
    }

    [Fact]
    public void PruningMaskUpdatesAllocateNothingPerMiniBatch()
    {
        var data = ToyData.Circles(3200, 1); // 160 training mini-batches of 16 per epoch
        void Train(int rampEpochs)
        {
            // The masks tighten at every step of the ramp, so each extra ramp epoch adds 160 mask updates.
            var pruning = new PruningSettings { TargetSparsity = 0.5f, StartEpoch = 0, RampEpochs = rampEpochs, StepsBetweenUpdates = 1 };
            var settings = new TrainerSettings { MaxEpochs = rampEpochs + 1, BatchSize = 16, ValidationFraction = 0.2f, EarlyStoppingPatience = 0, Threads = 1, Seed = 1, Pruning = pruning };
            var architecture = new NetworkArchitecture(2, [32, 32], Activation.ReLU, 0f, 1);
            new NetworkTrainer(settings).Train(architecture, new SigmoidBinaryCrossEntropyLoss(), data);
        }
        Train(1);
        long extra = ThreadAllocations.Least(() => Train(5)) - ThreadAllocations.Least(() => Train(1));
        const int ExtraSteps = 4 * 160;
        Assert.True(extra < ExtraSteps * 8, $"4 extra epochs of mask updates ({ExtraSteps} mini-batches) allocated {extra} bytes");
    }
}
