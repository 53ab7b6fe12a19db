// Kept so web/gouvernance/main.ts builds until it imports the charts from services/governance/charts.ts.
export * from '../../services/governance/charts.ts'
