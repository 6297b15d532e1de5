using System.Text.Json;
using LifetimeValue.Model;
using LifetimeValue.Serialization;

namespace LifetimeValue.Lifecycle.Internal;

/// <summary>The <c>"lifecycle"</c> kind: <see cref="LifecycleModel"/> with its stages, products, acquisition, horizon and discounting.</summary>
internal sealed class LifecycleModelFormat : IModelKindFormat
{
    public StrategyModel Read(JsonSource source, JsonElement element, string path)
    {
        var o = JsonObjectReader.Open(source, element, path,
            "kind", "name", "acquisitionCost", "acquisition", "horizon", "discounting", "stages", "states", "heterogeneity");
        var name = o.String("name");
        var cost = o.NonNegative("acquisitionCost");
        var acquisition = ReadAcquisition(o);
        var horizon = ModelPartsFormat.ReadHorizon(source, o.Required("horizon"), o.PathOf("horizon"));
        var discounting = ModelPartsFormat.ReadDiscount(source, o.Required("discounting"), o.PathOf("discounting"));
        var stageItems = o.Array("stages", 1, StageLadder.MaxStages);
        var stages = new LifeStage[stageItems.Count];
        for (var i = 0; i < stages.Length; i++)
        {
            stages[i] = ReadStage(source, stageItems[i].Element, stageItems[i].Path);
            if (i > 0 && stages[i].StartAge != stages[i - 1].EndAge)
            {
                throw source.Error(JsonSource.Child(stageItems[i].Path, "startAge"),
                    $"must equal the previous stage's endAge = {stages[i - 1].EndAge} (was {stages[i].StartAge}): stages must be ordered, contiguous and non-overlapping.");
            }

            for (var j = 0; j < i; j++)
            {
                if (stages[j].Name == stages[i].Name)
                {
                    throw source.Error(JsonSource.Child(stageItems[i].Path, "name"),
                        $"\"{stages[i].Name}\" is already the name of {JsonSource.Item(o.PathOf("stages"), j)}; stage names must be unique.");
                }
            }
        }

        var ladder = o.Build(() => new StageLadder(stages));
        var states = o.Has("states") ? ReadStates(o.Object("states", "states", "monthlyTransitions")) : null;
        LifecycleHeterogeneity? heterogeneity = null;
        if (o.Has("heterogeneity"))
        {
            var h = o.Object("heterogeneity", "attritionFrailtyShape", "marginLogSigma");
            double? shape = h.Has("attritionFrailtyShape") ? h.InRange("attritionFrailtyShape", 0.01, 1e6) : null;
            var sigma = h.InRange("marginLogSigma", 0.0, 3.0, 0.0);
            heterogeneity = h.Build(() => new LifecycleHeterogeneity(shape, sigma));
        }

        return o.Build(() => new LifecycleModel(name, ladder, acquisition, cost, horizon, discounting) { States = states, Heterogeneity = heterogeneity });
    }

    public void Write(Utf8JsonWriter writer, StrategyModel model)
    {
        var m = (LifecycleModel)model;
        writer.WriteString("name", m.Name);
        writer.WriteNumber("acquisitionCost", m.AcquisitionCost);
        writer.WriteStartArray("acquisition");
        for (var i = 0; i < m.Acquisition.Ages.Count; i++)
        {
            writer.WriteStartObject();
            writer.WriteNumber("age", m.Acquisition.Ages[i]);
            writer.WriteNumber("weight", m.Acquisition.Weights[i]);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        ModelPartsFormat.WriteHorizon(writer, "horizon", m.Horizon);
        ModelPartsFormat.WriteDiscount(writer, "discounting", m.Discounting);
        writer.WriteStartArray("stages");
        foreach (var stage in m.Stages.Stages)
        {
            writer.WriteStartObject();
            writer.WriteString("name", stage.Name);
            writer.WriteNumber("startAge", stage.StartAge);
            writer.WriteNumber("endAge", stage.EndAge);
            writer.WriteNumber("annualAttrition", stage.AnnualAttrition);
            ModelPartsFormat.WriteMargin(writer, "baseMargin", stage.BaseMargin);
            writer.WriteStartArray("products");
            foreach (var product in stage.Products)
            {
                writer.WriteStartObject();
                writer.WriteString("name", product.Name);
                writer.WriteNumber("adoptionProbability", product.AdoptionProbability);
                writer.WriteNumber("monthlyServicingCost", product.MonthlyServicingCost);
                ModelPartsFormat.WriteMargin(writer, "margin", product.Margin);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (m.States is { } states)
        {
            writer.WriteStartObject("states");
            writer.WriteStartArray("states");
            foreach (var state in states.States)
            {
                writer.WriteStartObject();
                writer.WriteString("name", state.Name);
                writer.WriteNumber("marginFactor", state.MarginFactor);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("monthlyTransitions");
            for (var i = 0; i < states.States.Count; i++)
            {
                writer.WriteStartArray();
                for (var j = 0; j < states.States.Count; j++)
                {
                    writer.WriteNumberValue(states.Transition(i, j));
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        if (m.Heterogeneity is { } heterogeneity)
        {
            writer.WriteStartObject("heterogeneity");
            if (heterogeneity.AttritionFrailtyShape is { } k)
            {
                writer.WriteNumber("attritionFrailtyShape", k);
            }

            writer.WriteNumber("marginLogSigma", heterogeneity.MarginLogSigma);
            writer.WriteEndObject();
        }
    }

    private static RelationshipStates ReadStates(JsonObjectReader o)
    {
        var items = o.Array("states", 2, RelationshipStates.MaxStates);
        var states = new RelationshipState[items.Count];
        for (var i = 0; i < states.Length; i++)
        {
            var s = JsonObjectReader.Open(o.Source, items[i].Element, items[i].Path, "name", "marginFactor");
            var name = s.String("name");
            var factor = s.Probability("marginFactor");
            states[i] = s.Build(() => new RelationshipState(name, factor));
        }

        var rows = o.Array("monthlyTransitions", states.Length, states.Length);
        var matrix = new double[rows.Count][];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Element.ValueKind != JsonValueKind.Array || rows[i].Element.GetArrayLength() != states.Length)
            {
                throw o.Source.Error(rows[i].Path, $"must be an array of {states.Length} probabilities, one per state (was {JsonObjectReader.Describe(rows[i].Element)}).");
            }

            matrix[i] = [.. rows[i].Element.EnumerateArray().Select((v, j) => JsonObjectReader.NumberAt(o.Source, v, JsonSource.Item(rows[i].Path, j)))];
        }

        return o.Build(() => new RelationshipStates(states, matrix));
    }

    private static AcquisitionProfile ReadAcquisition(JsonObjectReader o)
    {
        var items = o.Array("acquisition", 1);
        var shares = new (int Age, int Weight)[items.Count];
        long total = 0;
        for (var i = 0; i < shares.Length; i++)
        {
            var share = JsonObjectReader.Open(o.Source, items[i].Element, items[i].Path, "age", "weight");
            var age = (int)share.Integer("age", 0, AgeSchedule.MaxAge - 1);
            if (i > 0 && age <= shares[i - 1].Age)
            {
                throw share.Error("age", $"must be greater than the previous age {shares[i - 1].Age} (was {age}): ages must be strictly increasing.");
            }

            shares[i] = (age, (int)share.Integer("weight", 1, AcquisitionProfile.MaxTotalWeight, 1));
            total += shares[i].Weight;
        }

        return total > AcquisitionProfile.MaxTotalWeight
            ? throw o.Error("acquisition", $"weights must sum to at most {AcquisitionProfile.MaxTotalWeight} (sum {total}).")
            : o.Build(() => AcquisitionProfile.FromWeights(shares));
    }

    private static LifeStage ReadStage(JsonSource source, JsonElement element, string path)
    {
        var o = JsonObjectReader.Open(source, element, path, "name", "startAge", "endAge", "annualAttrition", "baseMargin", "products");
        var name = o.String("name");
        var start = (int)o.Integer("startAge", 0, AgeSchedule.MaxAge - 1);
        var end = (int)o.Integer("endAge", 1, AgeSchedule.MaxAge);
        if (end <= start)
        {
            throw o.Error("endAge", $"must be greater than startAge = {start} (was {end}).");
        }

        var attrition = o.Probability("annualAttrition");
        var baseMargin = o.Has("baseMargin") ? ModelPartsFormat.ReadMargin(source, o.Required("baseMargin"), o.PathOf("baseMargin")) : MarginSchedule.Zero;
        var products = new List<Product>();
        if (o.Has("products"))
        {
            foreach (var (item, itemPath) in o.Array("products", 0, LifeStage.MaxProducts))
            {
                var p = JsonObjectReader.Open(source, item, itemPath, "name", "adoptionProbability", "monthlyServicingCost", "margin");
                var productName = p.String("name");
                var adoption = p.Probability("adoptionProbability");
                var cost = p.NonNegative("monthlyServicingCost", 0);
                var margin = ModelPartsFormat.ReadMargin(source, p.Required("margin"), p.PathOf("margin"));
                products.Add(p.Build(() => new Product(productName, adoption, margin, cost)));
            }
        }

        return o.Build(() => new LifeStage(name, start, end, attrition, products, baseMargin));
    }
}
