import { isValidSiret } from '../../api/sponsors/siret.ts'
outer: for (let x = 0; x < 10; x++) for (let k = 0; k < 100; k++) { const s = `48265489${x}0${String(k).padStart(4, '0')}`; if (isValidSiret(s)) { console.log(s); break outer } }
