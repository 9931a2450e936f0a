using MlNetNeural.Benchmarks.Data;

namespace MlNetNeural.Benchmarks.Tests;

public class IdxFileTests
{
    [Theory]
    [InlineData("images-idx3-ubyte")]
    [InlineData("images-idx3-ubyte.gz")]
    public void ReadsDimensionsAndValuesFromPlainAndGzippedFiles(string name)
    {
        using var folder = new TemporaryDirectory();
        byte[] values = Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)(i * 10)).ToArray();
        IdxWriter.Write(folder.File(name), [2, 3, 4], values);

        var (dimensions, read) = IdxFile.ReadBytes(folder.File(name), expectedDimensions: 3);

        Assert.Equal([2, 3, 4], dimensions);
        Assert.Equal(values, read);
    }

    [Fact]
    public void RejectsAFileWithTheWrongDimensionCountNamingTheFile()
    {
        using var folder = new TemporaryDirectory();
        IdxWriter.Write(folder.File("labels"), [5], new byte[5]);

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadBytes(folder.File("labels"), expectedDimensions: 3));

        Assert.Contains(folder.File("labels"), error.Message);
        Assert.Contains("00000801", error.Message);
    }

    [Fact]
    public void RejectsANonByteValueType()
    {
        using var folder = new TemporaryDirectory();
        IdxWriter.Write(folder.File("floats"), [1], new byte[4], typeCode: 0x0D);

        Assert.Throws<InvalidDataException>(() => IdxFile.ReadBytes(folder.File("floats"), expectedDimensions: 1));
    }

    [Fact]
    public void RejectsATruncatedFile()
    {
        using var folder = new TemporaryDirectory();
        IdxWriter.Write(folder.File("short"), [10], new byte[7]);

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadBytes(folder.File("short"), expectedDimensions: 1));

        Assert.Contains("truncated", error.Message);
    }
}
