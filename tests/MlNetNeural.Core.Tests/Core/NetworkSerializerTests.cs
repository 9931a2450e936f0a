using System.Buffers.Binary;
using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Serialization;

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
    public void UnknownActivationAndChainingErrorsAreRejected()
    {
        byte[] badActivation = Rehash(NetworkSerializer.ToBytes(Sample()), b => b[21] = 77);
        Assert.Contains("activation code 77", Assert.Throws<InvalidNetworkFileException>(() => NetworkSerializer.FromBytes(badActivation)).Message);
    }

    private static byte[] Rehash(byte[] bytes, Action<byte[]> corrupt)
    {
        corrupt(bytes);
        ulong hash = 14695981039346656037UL;
        foreach (byte b in bytes.AsSpan(0, bytes.Length - 8)) hash = (hash ^ b) * 1099511628211UL;
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(bytes.Length - 8), hash);
        return bytes;
    }
}
