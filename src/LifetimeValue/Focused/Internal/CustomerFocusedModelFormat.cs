using System.Text.Json;
using LifetimeValue.Model;
using LifetimeValue.Serialization;

namespace LifetimeValue.Focused.Internal;

/// <summary>
/// The <c>"customerFocused"</c> kind: <see cref="CustomerFocusedModel"/> with its purchase process, service quality and
/// levers (each lever optional; absent means none). Constructor validation errors come back with the JSON path.
/// </summary>
internal sealed class CustomerFocusedModelFormat : IModelKindFormat
{
    public StrategyModel Read(JsonSource source, JsonElement element, string path)
    {
        var o = JsonObjectReader.Open(source, element, path,
            "kind", "name", "acquisitionCost", "horizonMonths", "discounting", "purchases", "service",
            "recovery", "feedback", "employees", "improvement", "referrals", "heterogeneity", "tenureAttrition");
        var name = o.String("name");
        var cost = o.NonNegative("acquisitionCost");
        var months = (int)o.Integer("horizonMonths", 1, StrategyModel.MaxHorizonMonths);
        var discounting = ModelPartsFormat.ReadDiscount(source, o.Required("discounting"), o.PathOf("discounting"));

        var p = o.Object("purchases", "monthlyPurchaseProbability", "price", "unitCost", "monthlyAttrition");
        var pi = p.Probability("monthlyPurchaseProbability");
        var price = p.NonNegative("price");
        var unitCost = p.NonNegative("unitCost");
        var attrition = p.Has("monthlyAttrition") ? p.Probability("monthlyAttrition") : 0.0;
        var purchases = p.Build(() => new PurchaseProcess(pi, price, unitCost, attrition));

        var q = o.Object("service", "failureProbability", "churnAfterGoodExperience", "churnAfterFailure");
        var f = q.Probability("failureProbability");
        var cg = q.Probability("churnAfterGoodExperience");
        var cf = q.Probability("churnAfterFailure");
        var service = q.Build(() => new ServiceQuality(f, cg, cf));

        var recovery = ServiceRecovery.None;
        if (o.Has("recovery"))
        {
            var r = o.Object("recovery", "spendPerIncident", "effectScale", "churnAfterFullRecovery", "referralAfterFullRecovery", "cap");
            var cap = r.NonNegative("cap", 2000.0);
            var spend = r.InRange("spendPerIncident", 0.0, cap);
            var scale = r.Positive("effectScale");
            var churn = r.Probability("churnAfterFullRecovery");
            var referral = r.Probability("referralAfterFullRecovery");
            recovery = r.Build(() => new ServiceRecovery(spend, scale, churn, referral, cap));
        }

        var feedback = FeedbackProgramme.None;
        if (o.Has("feedback"))
        {
            var r = o.Object("feedback", "annualFailureReduction", "failureFloor", "monthlyCostPerCustomer");
            var reduction = r.Number("annualFailureReduction");
            var floor = r.Probability("failureFloor");
            var fee = r.NonNegative("monthlyCostPerCustomer", 0.0);
            feedback = r.Build(() => new FeedbackProgramme(reduction, floor, fee));
        }

        var employees = EmployeeInvestment.None;
        if (o.Has("employees"))
        {
            var r = o.Object("employees", "rewardPerPurchase", "halvingSpend", "staffShareOfFailures", "baseAnnualStaffTurnover");
            var reward = r.NonNegative("rewardPerPurchase");
            var halving = r.Positive("halvingSpend");
            var share = r.Probability("staffShareOfFailures");
            var turnover = r.Has("baseAnnualStaffTurnover") ? r.Probability("baseAnnualStaffTurnover") : 0.0;
            employees = r.Build(() => new EmployeeInvestment(reward, halving, share, turnover));
        }

        var improvement = CostImprovement.None;
        if (o.Has("improvement"))
        {
            var r = o.Object("improvement", "annualUnitCostReduction", "passThrough", "priceElasticity");
            var reduction = r.Number("annualUnitCostReduction");
            var pass = r.Has("passThrough") ? r.Probability("passThrough") : 0.0;
            var elasticity = r.NonNegative("priceElasticity", 0.0);
            improvement = r.Build(() => new CostImprovement(reduction, pass, elasticity));
        }

        var referrals = ReferralProgramme.None;
        if (o.Has("referrals"))
        {
            var r = o.Object("referrals", "referralAfterGoodExperience", "referralAfterFailure", "rewardPerReferral", "attributeToReferrer");
            var good = r.Probability("referralAfterGoodExperience");
            var failed = r.Probability("referralAfterFailure");
            var reward = r.NonNegative("rewardPerReferral", 0.0);
            var attribute = true;
            if (r.Has("attributeToReferrer"))
            {
                var value = r.Required("attributeToReferrer");
                attribute = value.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw r.Error("attributeToReferrer", $"must be true or false (was {JsonObjectReader.Describe(value)})."),
                };
            }

            referrals = r.Build(() => new ReferralProgramme(good, failed, reward, attribute));
        }

        var heterogeneity = CustomerHeterogeneity.None;
        if (o.Has("heterogeneity"))
        {
            var h = o.Object("heterogeneity", "purchaseRateShape", "dropoutShapeA", "dropoutShapeB", "attritionRateShape", "quadratureNodes");
            double? Shape(string field) => h.Has(field) ? h.Positive(field) : null;
            var purchaseShape = Shape("purchaseRateShape");
            var dropoutA = Shape("dropoutShapeA");
            var dropoutB = Shape("dropoutShapeB");
            var attritionShape = Shape("attritionRateShape");
            var nodes = (int)h.Integer("quadratureNodes", 2, CustomerHeterogeneity.MaxQuadratureNodes, new CustomerHeterogeneity().QuadratureNodes);
            heterogeneity = h.Build(() => new CustomerHeterogeneity
            {
                PurchaseRateShape = purchaseShape,
                DropoutShapeA = dropoutA,
                DropoutShapeB = dropoutB,
                AttritionRateShape = attritionShape,
                QuadratureNodes = nodes,
            });
        }

        TenureAttritionCurve? tenure = null;
        if (o.Has("tenureAttrition"))
        {
            var hazards = o.Numbers("tenureAttrition", 1, StrategyModel.MaxHorizonMonths);
            tenure = o.Build(() => new TenureAttritionCurve(hazards));
        }

        return o.Build(() => new CustomerFocusedModel(name, purchases, service, months, cost, discounting)
        {
            Heterogeneity = heterogeneity,
            TenureAttrition = tenure,
            Recovery = recovery,
            Feedback = feedback,
            Employees = employees,
            Improvement = improvement,
            Referrals = referrals,
        });
    }

    public void Write(Utf8JsonWriter writer, StrategyModel model)
    {
        var m = (CustomerFocusedModel)model;
        writer.WriteString("name", m.Name);
        writer.WriteNumber("acquisitionCost", m.AcquisitionCost);
        writer.WriteNumber("horizonMonths", m.HorizonMonths);
        ModelPartsFormat.WriteDiscount(writer, "discounting", m.Discounting);
        writer.WriteStartObject("purchases");
        writer.WriteNumber("monthlyPurchaseProbability", m.Purchases.MonthlyPurchaseProbability);
        writer.WriteNumber("price", m.Purchases.Price);
        writer.WriteNumber("unitCost", m.Purchases.UnitCost);
        writer.WriteNumber("monthlyAttrition", m.Purchases.MonthlyAttrition);
        writer.WriteEndObject();
        writer.WriteStartObject("service");
        writer.WriteNumber("failureProbability", m.Service.FailureProbability);
        writer.WriteNumber("churnAfterGoodExperience", m.Service.ChurnAfterGoodExperience);
        writer.WriteNumber("churnAfterFailure", m.Service.ChurnAfterFailure);
        writer.WriteEndObject();
        if (m.Recovery != ServiceRecovery.None)
        {
            writer.WriteStartObject("recovery");
            writer.WriteNumber("spendPerIncident", m.Recovery.SpendPerIncident);
            writer.WriteNumber("effectScale", m.Recovery.EffectScale);
            writer.WriteNumber("churnAfterFullRecovery", m.Recovery.ChurnAfterFullRecovery);
            writer.WriteNumber("referralAfterFullRecovery", m.Recovery.ReferralAfterFullRecovery);
            writer.WriteNumber("cap", m.Recovery.Cap);
            writer.WriteEndObject();
        }

        if (m.Feedback != FeedbackProgramme.None)
        {
            writer.WriteStartObject("feedback");
            writer.WriteNumber("annualFailureReduction", m.Feedback.AnnualFailureReduction);
            writer.WriteNumber("failureFloor", m.Feedback.FailureFloor);
            writer.WriteNumber("monthlyCostPerCustomer", m.Feedback.MonthlyCostPerCustomer);
            writer.WriteEndObject();
        }

        if (m.Employees != EmployeeInvestment.None)
        {
            writer.WriteStartObject("employees");
            writer.WriteNumber("rewardPerPurchase", m.Employees.RewardPerPurchase);
            writer.WriteNumber("halvingSpend", m.Employees.HalvingSpend);
            writer.WriteNumber("staffShareOfFailures", m.Employees.StaffShareOfFailures);
            writer.WriteNumber("baseAnnualStaffTurnover", m.Employees.BaseAnnualStaffTurnover);
            writer.WriteEndObject();
        }

        if (m.Improvement != CostImprovement.None)
        {
            writer.WriteStartObject("improvement");
            writer.WriteNumber("annualUnitCostReduction", m.Improvement.AnnualUnitCostReduction);
            writer.WriteNumber("passThrough", m.Improvement.PassThrough);
            writer.WriteNumber("priceElasticity", m.Improvement.PriceElasticity);
            writer.WriteEndObject();
        }

        if (!m.Heterogeneity.IsNone || m.Heterogeneity != CustomerHeterogeneity.None)
        {
            writer.WriteStartObject("heterogeneity");
            void Optional(string field, double? value)
            {
                if (value is { } v)
                {
                    writer.WriteNumber(field, v);
                }
            }

            Optional("purchaseRateShape", m.Heterogeneity.PurchaseRateShape);
            Optional("dropoutShapeA", m.Heterogeneity.DropoutShapeA);
            Optional("dropoutShapeB", m.Heterogeneity.DropoutShapeB);
            Optional("attritionRateShape", m.Heterogeneity.AttritionRateShape);
            writer.WriteNumber("quadratureNodes", m.Heterogeneity.QuadratureNodes);
            writer.WriteEndObject();
        }

        if (m.TenureAttrition is { } curve)
        {
            ModelPartsFormat.WriteNumbers(writer, "tenureAttrition", curve.MonthlyHazards);
        }

        if (m.Referrals != ReferralProgramme.None)
        {
            writer.WriteStartObject("referrals");
            writer.WriteNumber("referralAfterGoodExperience", m.Referrals.ReferralAfterGoodExperience);
            writer.WriteNumber("referralAfterFailure", m.Referrals.ReferralAfterFailure);
            writer.WriteNumber("rewardPerReferral", m.Referrals.RewardPerReferral);
            writer.WriteBoolean("attributeToReferrer", m.Referrals.AttributeToReferrer);
            writer.WriteEndObject();
        }
    }
}
