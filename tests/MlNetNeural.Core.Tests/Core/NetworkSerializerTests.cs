using System.Buffers.Binary;
using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Serialization;
using static MlNetNeural.Tests.Core.CraftedNetworkFiles;

namespace MlNetNeural.Tests.Core;

public class NetworkSerializerTests
{
    private static Network Sample() =>
        new NetworkArchitecture(5, [6, 4], new Activation(ActivationKind.LeakyReLU, 0.2f), 0.3f, 3).Build(new DeterministicRandom(9));

    [Fact]
    public void RoundTripIsExact()
    {
        var network = Sample();
        byte[] bytes = NetworkSerializer.ToBytes(network);
        using var stream = new MemoryStream(bytes);
        var loaded = NetworkSerializer.Read(stream);

        Assert.Equal(bytes, NetworkSerializer.ToBytes(loaded));
        Assert.Equal(network.Layers.Select(l => (l.GetType(), l.InputSize, l.OutputSize)), loaded.Layers.Select(l => (l.GetType(), l.InputSize, l.OutputSize)));
        Assert.Equal(0.3f, loaded.Layers.OfType<DropoutLayer>().First().Rate);
        Assert.Equal(new Activation(ActivationKind.LeakyReLU, 0.2f), loaded.DenseLayers.First().Activation);
        float[] input = Enumerable.Range(0, 10).Select(i => i * 0.37f - 1f).ToArray();
        Assert.Equal(
            network.Forward(input, network.CreateWorkspace(2), 2, ForwardMode.Inference).ToArray(),
            loaded.Forward(input, loaded.CreateWorkspace(2), 2, ForwardMode.Inference).ToArray());
    }

    [Fact]
    public void WrongMagicIsRejected()
    {
        byte[] bytes = NetworkSerializer.ToBytes(Sample());
        bytes[0] = (byte)'X';
        Assert.Contains("MLNN", Assert.Throws<InvalidNetworkFileException>(() => NetworkSerializer.FromBytes(bytes)).Message);
        Assert.Throws<InvalidNetworkFileException>(() => NetworkSerializer.FromBytes([]));
    }

    [Fact]
    public void UnknownVersionAsksForAnUpgrade()
    {
        byte[] bytes = NetworkSerializer.ToBytes(Sample());
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 99);
        var error = Assert.Throws<InvalidNetworkFileException>(() => NetworkSerializer.FromBytes(bytes));
        Assert.Contains("version 99", error.Message);
        Assert.Contains("Upgrade", error.Message);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(20)]
    [InlineData(200)]
    public void TruncatedDataIsRejected(int keep)
    {
        byte[] bytes = NetworkSerializer.ToBytes(Sample());
        var error = Assert.Throws<InvalidNetworkFileException>(() => NetworkSerializer.FromBytes(bytes.AsSpan(0, keep)));
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void FlippedBitIsRejectedByTheChecksum()
    {
        byte[] bytes = NetworkSerializer.ToBytes(Sample());
        bytes[100] ^= 0x10;
        Assert.Contains("checksum", Assert.Throws<InvalidNetworkFileException>(() => NetworkSerializer.FromBytes(bytes)).Message);
    }

    [Fact]
    public void AbsurdSizesAreRejectedBeforeAllocating()
    {
        // Layer 0 is dense: kind byte at offset 12, input size at 13, output size at 17.
        byte[] bytes = Rehash(NetworkSerializer.ToBytes(Sample()), b => BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(17), int.MaxValue));
        var error = Assert.Throws<InvalidNetworkFileException>(() => NetworkSerializer.FromBytes(bytes));
        Assert.Contains("remain", error.Message);

        byte[] manyLayers = Rehash(NetworkSerializer.ToBytes(Sample()), b => BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(8), 1_000_000_000));
        Assert.Contains("1000000000 layers", Assert.Throws<InvalidNetworkFileException>(() => NetworkSerializer.FromBytes(manyLayers)).Message);
    }

    [Fact]
    public void SizesWhoseProductOverflowsAreRejectedWithoutOverflowing()
    {
        byte[] bytes = Rehash(NetworkSerializer.ToBytes(Sample()), b =>
        {
            BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(13), int.MaxValue);
            BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(17), int.MaxValue);
        });
        var error = Assert.Throws<InvalidNetworkFileException>(() => NetworkSerializer.FromBytes(bytes));
        Assert.Contains($"{int.MaxValue}×{int.MaxValue}", error.Message);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void NonFiniteWeightsAreRefusedEvenWithAValidChecksum(float value)
    {
        // Layer 0's first weight follows its kind (12), sizes (13, 17), activation (21) and slope (22).
        byte[] bytes = Rehash(NetworkSerializer.ToBytes(Sample()), b => BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(26), value));
        var error = Assert.Throws<InvalidNetworkFileException>(() => NetworkSerializer.FromBytes(bytes));
        Assert.Contains("weights of layer 0", error.Message);
        Assert.Contains("finite", error.Message);
        Assert.Contains("retrain", error.Message);
    }

    [Fact]
    public void ANetworkInsideALargerStreamIsReadFromItsPositionAndLeavesTheStreamAfterIt()
    {
        byte[] network = NetworkSerializer.ToBytes(Sample());
        using var stream = new MemoryStream([.. new byte[7], .. network, 42]);
        stream.Position = 7;
        var loaded = NetworkSerializer.Read(stream, network.Length);
        Assert.Equal(network, NetworkSerializer.ToBytes(loaded));
        Assert.Equal(7 + network.Length, stream.Position);
        Assert.Equal(42, stream.ReadByte());
    }

    [Fact]
    public void ReadingAllocatesTheNetworkOnceAndACorruptOneNothingLarge()
    {
        var large = new NetworkArchitecture(1000, [1000], Activation.ReLU, 0f, 10).Build(new DeterministicRandom(1));
        byte[] bytes = NetworkSerializer.ToBytes(large);
        long weightBytes = large.ParameterCount * sizeof(float);
        using var stream = new MemoryStream(bytes, writable: false);

        long before = GC.GetAllocatedBytesForCurrentThread();
        NetworkSerializer.Read(stream, bytes.Length);
        long loading = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.InRange(loading, weightBytes, weightBytes + (1 << 18));

        bytes[bytes.Length / 2] ^= 1;
        using var corrupt = new MemoryStream(bytes, writable: false);
        before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<InvalidNetworkFileException>(() => NetworkSerializer.Read(corrupt, bytes.Length));
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1 << 18);
    }

    [Fact]
    public void UnknownActivationAndChainingErrorsAreRejected()
    {
        byte[] badActivation = Rehash(NetworkSerializer.ToBytes(Sample()), b => b[21] = 77);
        Assert.Contains("activation code 77", Assert.Throws<InvalidNetworkFileException>(() => NetworkSerializer.FromBytes(badActivation)).Message);
    }
}
