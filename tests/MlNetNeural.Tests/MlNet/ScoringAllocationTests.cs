using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Tests.Measuring;

namespace MlNetNeural.Tests.MlNet;

/// <summary>Scoring a row allocates nothing beyond what the input cursor itself allocates.</summary>
public class ScoringAllocationTests(TrainedModels models) : IClassFixture<TrainedModels>
{
    [Fact]
    public void ScoringEachRowAllocatesNothingExtra()
    {
        var input = models.Ml.Data.Cache(models.Ml.Transforms.NormalizeMeanVariance("Features").Fit(models.BreastCancer).Transform(models.BreastCancer));
        var scorer = models.Binary.LastTransformer;
        long inputBytes = BytesToRead(input, "Features");
        long scoredBytes = BytesToRead(scorer.Transform(input), "Probability", "Features");
        int rows = (int)(input.GetRowCount() ?? 0);
        Assert.True(rows > 500);
        Assert.True(scoredBytes - inputBytes < 2048, $"reading {rows} scored rows allocated {scoredBytes - inputBytes} bytes more than reading the input");
    }

    /// <summary>Bytes allocated by reading every row of the first column (after a warm-up pass), with the other columns active too.</summary>
    private static long BytesToRead(IDataView data, string column, params string[] alsoActive)
    {
        Read();
        return ThreadAllocations.Least(Read);

        long Read()
        {
            var active = new[] { column }.Concat(alsoActive).Select(name => data.Schema[name]).ToArray();
            using var cursor = data.GetRowCursor(active);
            long before = GC.GetAllocatedBytesForCurrentThread();
            if (data.Schema[column].Type is VectorDataViewType)
            {
                var getter = cursor.GetGetter<VBuffer<float>>(data.Schema[column]);
                VBuffer<float> value = default;
                while (cursor.MoveNext()) getter(ref value);
            }
            else
            {
                var getter = cursor.GetGetter<float>(data.Schema[column]);
                float value = 0;
                while (cursor.MoveNext()) getter(ref value);
            }
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }
}
