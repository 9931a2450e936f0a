using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Ensembles;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Serialization;
using MlNetNeural.Core.Training;
using MlNetNeural.Tests.Core;

namespace MlNetNeural.Tests.Ensembles;

/// <summary>Training a seed ensemble: member 1 is the single run, all members share rows and split, progress and cancellation per member.</summary>
public sealed class EnsembleTrainingTests
{
    private static readonly TrainerSettings Settings = new() { MaxEpochs = 6, BatchSize = 16, ValidationFraction = 0.25f, Seed = 7, Threads = 1 };
    private static readonly NetworkArchitecture Architecture = new(2, [12, 8], Activation.ReLU, 0.1f, 1);

    [Fact]
    public void MemberOneIsTheSingleRunAndEveryMemberTrainsOnTheSameRowsAndValidationSplit()
    {
        var data = ToyData.Circles(200, 3);
        var loss = new SigmoidBinaryCrossEntropyLoss();
        var ensemble = new NetworkTrainer(Settings).TrainEnsemble(Architecture, 3, loss, data);

        var single = new NetworkTrainer(Settings).Train(Architecture, loss, data);
        Assert.Equal(NetworkSerializer.ToBytes(single.Network), NetworkSerializer.ToBytes(ensemble.Members[0].Network));

        // Member 2 again, alone: its own seed, but the run's split (drawn from the run's seed, the trainer's split stream 2)
        // passed as explicit training and validation rows, in the same order: the same network, bit for bit.
        var (trainRows, validationRows) = ValidationSplit.Split(data, Settings.ValidationFraction, stratify: true, DeterministicRandom.ForStream(Settings.Seed, 2));
        var memberSettings = Settings with { Seed = NetworkEnsemble.MemberSeed(Settings.Seed, 2) };
        var alone = new NetworkTrainer(memberSettings).Train(Architecture, loss, Subset(data, trainRows), Subset(data, validationRows));
        Assert.Equal(NetworkSerializer.ToBytes(alone.Network), NetworkSerializer.ToBytes(ensemble.Members[1].Network));
        Assert.NotEqual(NetworkSerializer.ToBytes(ensemble.Members[0].Network), NetworkSerializer.ToBytes(ensemble.Members[1].Network));

        NetworkEnsembleTests.AssertComputesMean(ensemble.Members.Select(member => member.Network).ToArray(), ensemble.Network, rows: 9);
        Assert.NotNull(ensemble.ValidationLoss);
        Assert.Equal(3, ensemble.Members.Count);
        Assert.False(ensemble.Cancelled);
        Assert.Equal(ensemble.Members[0].History.Epochs, ensemble.History.Epochs);
        Assert.Equal(ensemble.Members.Sum(member => member.History.TotalSeconds), ensemble.History.TotalSeconds, 9);
        Assert.StartsWith("An ensemble of 3 networks", ensemble.History.StopMessage);
        Assert.Contains("The history shown is member 1's: " + ensemble.Members[0].History.StopMessage, ensemble.History.StopMessage);
    }

    [Fact]
    public void TheSameSeedGivesTheSameEnsembleAndOneMemberIsNoEnsemble()
    {
        var data = ToyData.Circles(120, 4);
        var loss = new SigmoidBinaryCrossEntropyLoss();
        byte[] Merged(int threads) => NetworkSerializer.ToBytes(new NetworkTrainer(Settings with { Threads = threads }).TrainEnsemble(Architecture, 2, loss, data).Network);
        Assert.Equal(Merged(1), Merged(2));

        var one = new NetworkTrainer(Settings).TrainEnsemble(Architecture, 1, loss, data);
        Assert.Same(one.Members[0].Network, one.Network);
        Assert.Same(one.Members[0].History, one.History);
    }

    [Fact]
    public void ProgressNamesTheMemberOfEachEpoch()
    {
        var reports = new List<EpochReport>();
        new NetworkTrainer(Settings with { ValidationFraction = 0 }).TrainEnsemble(Architecture, 3, new SigmoidBinaryCrossEntropyLoss(), ToyData.Circles(80, 5), progress: reports.Add);
        Assert.Equal(Enumerable.Range(1, 3).SelectMany(member => Enumerable.Repeat(member, Settings.MaxEpochs)), reports.Select(report => report.Member));
        Assert.Equal(Enumerable.Range(0, 3).SelectMany(_ => Enumerable.Range(1, Settings.MaxEpochs)), reports.Select(report => report.Epoch));
    }

    [Fact]
    public void MembersTrainSideBySideOnlyWhereEveryProductIsTooSmallToSplitAndNothingCanStopTheFit()
    {
        var two = new NetworkTrainer(Settings with { Threads = 2 });
        Assert.Equal(2, two.SideBySide(Architecture, 3, 200, CancellationToken.None));
        Assert.Null(new NetworkTrainer(Settings).SideBySide(Architecture, 3, 200, CancellationToken.None)); // one thread
        Assert.Null(two.SideBySide(Architecture, 1, 200, CancellationToken.None));                          // one member
        using var stop = new CancellationTokenSource();
        Assert.Null(two.SideBySide(Architecture, 3, 200, stop.Token));                                     // a fit that can be stopped
        // 16 rows × 784 inputs × 128 units = 1,605,632 multiply-adds: the compute team splits that product.
        var wide = new NetworkArchitecture(784, [128], Activation.ReLU, 0f, 10);
        Assert.Null(two.SideBySide(wide, 3, 200, CancellationToken.None));
        Assert.Equal(2, two.SideBySide(wide, 3, 8, CancellationToken.None));                             // 8 rows: 802,816
    }

    [Fact]
    public void MembersSideBySideReportEveryEpochOneAtATimeInTheOrderOfOneAfterAnother()
    {
        var reports = new List<EpochReport>();
        int inside = 0, most = 0;
        void Progress(EpochReport report)
        {
            most = Math.Max(most, Interlocked.Increment(ref inside));
            Thread.Sleep(report.Member == 1 ? 5 : 1); // member 1 slow: the others train meanwhile, and their reports wait
            reports.Add(report);
            Interlocked.Decrement(ref inside);
        }
        var settings = Settings with { ValidationFraction = 0, Threads = 2 };
        var result = new NetworkTrainer(settings).TrainEnsemble(Architecture, 3, new SigmoidBinaryCrossEntropyLoss(), ToyData.Circles(80, 5), progress: Progress);

        Assert.Equal(1, most);
        Assert.Equal(3, result.Members.Count);
        Assert.Equal(Enumerable.Range(1, 3).SelectMany(member => Enumerable.Repeat(member, settings.MaxEpochs)), reports.Select(report => report.Member));
        Assert.Equal(Enumerable.Range(0, 3).SelectMany(_ => Enumerable.Range(1, settings.MaxEpochs)), reports.Select(report => report.Epoch));
    }

    [Fact]
    public void HeldReportsOfLaterMembersComeAfterTheMembersBeforeThem()
    {
        var passed = new List<(int Member, int Epoch)>();
        var ordered = new MemberOrderedProgress(report => passed.Add((report.Member, report.Epoch)), 3);
        static EpochReport Epoch(int member, int epoch) => new(epoch, 0, null, null, 0f, 0, false) { Member = member };

        ordered.Report(Epoch(2, 1));
        ordered.Report(Epoch(1, 1));
        ordered.Report(Epoch(3, 1));
        ordered.Report(Epoch(2, 2));
        ordered.Finish(2);
        ordered.Finish(3);
        Assert.Equal([(1, 1)], passed);
        ordered.Report(Epoch(1, 2));
        ordered.Finish(1);

        Assert.Equal([(1, 1), (1, 2), (2, 1), (2, 2), (3, 1)], passed);
    }

    [Fact]
    public void AFailureOfAMemberSideBySideIsThrownAsItself()
    {
        // Member 2's reports reach the callback live or, held, when member 1 finishes (member 1's slow callback makes that the
        // usual case): the exception is the callback's either way.
        for (int attempt = 0; attempt < 10; attempt++)
        {
            void Progress(EpochReport report)
            {
                if (report.Member == 1) Thread.Sleep(attempt % 2 * 5);
                if (report.Member == 2 && report.Epoch == 3) throw new InvalidOperationException("member 2 failed");
            }
            var error = Assert.Throws<InvalidOperationException>(() => new NetworkTrainer(Settings with { Threads = 2 })
                .TrainEnsemble(Architecture, 3, new SigmoidBinaryCrossEntropyLoss(), ToyData.Circles(80, 5), progress: Progress));
            Assert.Equal("member 2 failed", error.Message);
        }
    }

    [Theory]
    [InlineData(1, 1, "cancelled during member 1 of 3: the model is member 1 alone")]
    [InlineData(2, 1, "cancelled during member 2 of 3: the model is member 1 alone")]
    [InlineData(3, 2, "cancelled during member 3 of 3, which was left out")]
    public void CancellationStartsNoFurtherMemberAndLeavesOutTheOneItCut(int cancelDuring, int kept, string said)
    {
        using var cancellation = new CancellationTokenSource();
        void Progress(EpochReport report)
        {
            if (report.Member == cancelDuring && report.Epoch == 2) cancellation.Cancel();
        }
        var result = new NetworkTrainer(Settings).TrainEnsemble(Architecture, 3, new SigmoidBinaryCrossEntropyLoss(), ToyData.Circles(200, 6), null, Progress, cancellation.Token);
        Assert.True(result.Cancelled);
        Assert.Equal(kept, result.Members.Count);
        Assert.Equal(StopReason.Cancelled, result.History.StopReason);
        Assert.Contains(said, result.History.StopMessage);
        if (kept == 1) Assert.Same(result.Members[0].Network, result.Network);
        else NetworkEnsembleTests.AssertComputesMean(result.Members.Select(member => member.Network).ToArray(), result.Network, rows: 9);
    }

    private static TrainingData Subset(TrainingData data, int[] rows) => new(
        rows.SelectMany(row => data.Features.AsSpan(row * data.FeatureCount, data.FeatureCount).ToArray()).ToArray(), data.FeatureCount,
        rows.Select(row => data.Targets[row]).ToArray());
}
