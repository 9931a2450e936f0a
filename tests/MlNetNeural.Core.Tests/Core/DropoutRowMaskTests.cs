using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Threading;

namespace MlNetNeural.Tests.Core;

/// <summary>A training run's dropout: every row's mask from a generator of its own, the same on any number of threads.</summary>
public class DropoutRowMaskTests
{
    private const int Size = 256, Batch = 48;
    private const float Rate = 0.2f;

    [Theory]
    [InlineData(Size)]
    [InlineData(37)]
    [InlineData(5)]
    public void EachValueIsTheNextDrawOfItsLanesOwnGenerator(int size)
    {
        ulong batchSeed = DeterministicRandom.ForStream(11, 4).NextUInt64();
        var mask = new float[size];
        for (int row = 0; row < 3; row++)
        {
            DeterministicRandom.FillRowKeepMask(batchSeed, row, mask, Rate, 1.25f);
            var lanes = Enumerable.Range(0, DeterministicRandom.MaskLanes)
                .Select(lane => new DeterministicRandom(DeterministicRandom.LaneSeed(DeterministicRandom.RowSeed(batchSeed, row), lane))).ToArray();
            for (int i = 0; i < size; i++)
            {
                float expected = lanes[i % DeterministicRandom.MaskLanes].NextFloat() < Rate ? 0f : 1.25f;
                Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(mask[i]),
                    $"row {row}, value {i}: {mask[i]}, its lane's generator gives {expected}.");
            }
        }
    }

    [Fact]
    public void LaneGeneratorsContinueOneSplitMix64Sequence()
    {
        // Lane 1's generator starts where lane 0's seeding stopped: the constructor draws two SplitMix64 outputs.
        ulong rowSeed = DeterministicRandom.RowSeed(123456789UL, 4);
        Assert.Equal(unchecked(rowSeed + 2 * 0x9E3779B97F4A7C15UL), DeterministicRandom.LaneSeed(rowSeed, 1));
        Assert.NotEqual(new DeterministicRandom(DeterministicRandom.LaneSeed(rowSeed, 0)).NextUInt32(),
            new DeterministicRandom(DeterministicRandom.LaneSeed(rowSeed, 1)).NextUInt32());
    }

    [Fact]
    public void NextUInt64IsTwoDrawsHighHalfFirst()
    {
        var random = DeterministicRandom.ForStream(5, 4);
        var twin = DeterministicRandom.ForStream(5, 4);
        ulong high = twin.NextUInt32(), low = twin.NextUInt32();
        Assert.Equal(high << 32 | low, random.NextUInt64());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void TrainingForwardGivesEveryRowItsOwnMaskOnAnyThreadCount(int threads)
    {
        var layer = new DropoutLayer(Size, Rate);
        var input = new float[Batch * Size];
        for (int i = 0; i < input.Length; i++) input[i] = 0.5f + i % 7;
        var buffers = layer.CreateBuffers(Batch);
        var random = DeterministicRandom.ForStream(3, 4);
        ulong batchSeed = DeterministicRandom.ForStream(3, 4).NextUInt64();

        using (ComputeTeam.Enter(threads))
        {
            layer.Forward(input, buffers, Batch, new ForwardMode(true, random, threads) { InTrainingRun = true });
        }

        var mask = new float[Size];
        int dropped = 0;
        for (int row = 0; row < Batch; row++)
        {
            DeterministicRandom.FillRowKeepMask(batchSeed, row, mask, Rate, 1f / (1f - Rate));
            for (int i = 0; i < Size; i++)
            {
                float expected = input[row * Size + i] * mask[i];
                float actual = buffers.Output[row * Size + i];
                Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual),
                    $"row {row}, value {i}: {actual}, the row's own mask gives {expected}.");
                if (actual == 0f) dropped++;
            }
        }
        Assert.InRange(dropped, Batch * Size / 10, Batch * Size * 3 / 10);
        // The layer took one 64-bit seed from the stream, whatever the batch size.
        var twin = DeterministicRandom.ForStream(3, 4);
        twin.NextUInt64();
        Assert.Equal(twin.NextUInt32(), random.NextUInt32());
    }

    [Fact]
    public void OutsideATrainingRunTheMaskIsTheStreamInOrder()
    {
        // Monte-Carlo dropout and the public API keep the masks a seed always gave.
        var layer = new DropoutLayer(Size, Rate);
        var input = new float[4 * Size];
        Array.Fill(input, 1f);
        var buffers = layer.CreateBuffers(4);
        layer.Forward(input, buffers, 4, new ForwardMode(true, DeterministicRandom.ForStream(9, 4), 1));

        var expected = new float[4 * Size];
        DeterministicRandom.ForStream(9, 4).FillKeepMask(expected, Rate, 1f / (1f - Rate));
        Assert.Equal(expected, buffers.Output.AsSpan(0, 4 * Size).ToArray());
    }
}
